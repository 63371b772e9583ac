package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claim checks every pool's tokens pass: {@code exp}, {@code iss}, {@code token_use}, {@code client_id}. */
class CognitoJwtDecodersTests {

    private final CognitoProperties pool = TestProperties.defaults("cognito", CognitoProperties.class);
    private final OAuth2TokenValidator<Jwt> validator = CognitoJwtDecoders.accessTokenValidator(pool);

    private Jwt accessToken(Consumer<Jwt.Builder> change) {
        Instant now = Instant.now();
        Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "RS256")
                .issuer(pool.issuerUri())
                .subject("sub")
                .claim("client_id", pool.clientId())
                .claim("token_use", "access")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600));
        change.accept(jwt);
        return jwt.build();
    }

    private boolean accepted(Consumer<Jwt.Builder> change) {
        return !validator.validate(accessToken(change)).hasErrors();
    }

    @Test
    void accepts_anAccessTokenOfOurPoolAndClient() {
        assertThat(accepted(jwt -> { })).isTrue();
    }

    @Test
    void refuses_anExpiredToken_beyondTheClockSkew() {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(accepted(jwt -> jwt.issuedAt(past.minusSeconds(3600)).expiresAt(past))).isFalse();
        assertThat(validator.validate(accessToken(jwt -> jwt.issuedAt(past.minusSeconds(3600)).expiresAt(past))).getErrors())
                .extracting(OAuth2Error::getDescription).anyMatch(d -> d.contains("expired"));
    }

    @Test
    void refuses_anotherIssuer() {
        assertThat(accepted(jwt -> jwt.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")))
                .isFalse();
    }

    @Test
    void refuses_anIdToken() {
        assertThat(accepted(jwt -> jwt.claim("token_use", "id"))).isFalse();
    }

    @Test
    void refuses_anotherAppClient_orNone() {
        assertThat(accepted(jwt -> jwt.claim("client_id", "other-client"))).isFalse();
        assertThat(accepted(jwt -> jwt.claims(claims -> claims.remove("client_id")))).isFalse();
    }
}
