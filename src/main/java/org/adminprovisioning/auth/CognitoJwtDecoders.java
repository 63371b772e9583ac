package org.adminprovisioning.auth;

import java.util.List;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * The resource server's token checks, the same for every pool: RS256 signature, {@code exp},
 * {@code iss} = the pool's issuer, {@code token_use} = {@code access} and {@code client_id} = our
 * app client. Only where the keys come from differs.
 */
@Configuration(proxyBeanMethods = false)
class CognitoJwtDecoders {

    static OAuth2TokenValidator<Jwt> accessTokenValidator(CognitoProperties cognito) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(cognito.issuerUri()),
                new JwtClaimValidator<String>("token_use", "access"::equals),
                new JwtClaimValidator<String>("client_id", cognito.clientId()::equals)));
    }

    /**
     * The in-memory pool's key lives in this JVM: no JWKS round trip. Built at the first token, so that
     * start-up does not wait for the key, which the pool makes in the background.
     */
    @Bean
    @Profile("default")
    JwtDecoder inMemoryPoolJwtDecoder(InMemoryTokenIssuer issuer, CognitoProperties cognito) {
        SingletonSupplier<JwtDecoder> decoder = SingletonSupplier.of(() -> {
            NimbusJwtDecoder built = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
            built.setJwtValidator(accessTokenValidator(cognito));
            return built;
        });
        return token -> decoder.obtain().decode(token);
    }

    /** A real pool or an emulator: keys from the pool's JWKS, fetched lazily and cached. */
    @Bean
    @Profile("cognito")
    JwtDecoder cognitoPoolJwtDecoder(CognitoProperties cognito) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(cognito.jwkSetUriOrDefault()).build();
        decoder.setJwtValidator(accessTokenValidator(cognito));
        return decoder;
    }
}
