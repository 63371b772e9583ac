package org.adminprovisioning.cognito.inmemory;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import java.text.ParseException;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RS256 access and id tokens with Cognito's claim set for the in-memory pool. The key pair
 * is made at start-up and lives only in this JVM; the resource server checks these tokens with the
 * same validators it applies to a real pool's, and {@link PoolJwksController} serves the public half
 * where Cognito serves a pool's keys. Like Cognito's, token headers carry only {@code kid} and
 * {@code alg}, and the key set's entry names its {@code alg} and {@code use}.
 */
public class InMemoryTokenIssuer {

    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    // Made on a thread of its own from construction on: a 2048-bit key takes a good part of a second of one
    // core, which start-up spends on other beans meanwhile; the first signature or key look-up waits for it.
    private final CompletableFuture<RSAKey> key;
    private final String issuer;
    private final String clientId;
    private final Clock clock;

    public InMemoryTokenIssuer(String issuer, String clientId, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
        this.key = new CompletableFuture<>();
        Thread generator = new Thread(() -> {
            try {
                key.complete(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate());
            } catch (JOSEException | RuntimeException e) {
                key.completeExceptionally(new IllegalStateException("Cannot generate the in-memory pool's signing key", e));
            }
        }, "in-memory-pool-key");
        generator.setDaemon(true);
        generator.start();
    }

    private RSAKey key() {
        try {
            return key.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    public RSAPublicKey publicKey() {
        try {
            return key().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half, as the pool's {@code /.well-known/jwks.json} would serve it. */
    public JWKSet jwkSet() {
        return new JWKSet(key().toPublicJWK());
    }

    String accessToken(String username, String sub, List<String> groups, String originJti) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = common(sub, groups, originJti, now)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", username)
                .claim("version", 2);
        return sign(claims.build());
    }

    String idToken(String username, String sub, String email, List<String> groups, String originJti) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = common(sub, groups, originJti, now)
                .audience(clientId)
                .claim("token_use", "id")
                .claim("cognito:username", username)
                .claim("email", email)
                .claim("email_verified", true);
        return sign(claims.build());
    }

    private JWTClaimsSet.Builder common(String sub, List<String> groups, String originJti, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(sub)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_VALIDITY)))
                .claim("auth_time", now.getEpochSecond())
                .claim("origin_jti", originJti)
                .claim("event_id", UUID.randomUUID().toString());
        if (!groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        return claims;
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key().getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /**
     * The username of a valid access token this issuer signed for our app client (signature, expiry,
     * {@code token_use}); empty for anything else. For the calls that take an {@code AccessToken}.
     */
    Optional<String> usernameOf(String accessToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(accessToken);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = jwt.verify(new RSASSAVerifier(key().toRSAPublicKey()))
                    && claims.getExpirationTime() != null && clock.instant().isBefore(claims.getExpirationTime().toInstant())
                    && "access".equals(claims.getStringClaim("token_use"))
                    && clientId.equals(claims.getStringClaim("client_id"));
            return valid ? Optional.ofNullable(claims.getStringClaim("username")) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
