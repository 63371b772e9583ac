package org.adminprovisioning.cognito.inmemory;

import java.time.Duration;
import java.util.Map;

import org.adminprovisioning.cognito.CognitoProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /{poolId}/.well-known/jwks.json}: the in-memory pool's public signing key, where Cognito
 * serves a pool's keys relative to its issuer, so that a web app's own backend can verify our tokens in
 * local development (Spring's {@code jwk-set-uri}, or aws-jwt-verify given this key set). Public keys
 * only; the path names the configured pool id, any other answers 404.
 */
@RestController
@Profile("!cognito")
class PoolJwksController {

    private final InMemoryTokenIssuer tokens;
    private final String poolId;

    PoolJwksController(InMemoryTokenIssuer tokens, CognitoProperties cognito) {
        this.tokens = tokens;
        this.poolId = cognito.userPoolId();
    }

    @GetMapping("/{poolId}/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks(@PathVariable String poolId) {
        if (!this.poolId.equals(poolId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user pool");
        }
        // The key lives as long as the process: clients may cache it, though not across a restart.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(tokens.jwkSet().toJSONObject(true));
    }
}
