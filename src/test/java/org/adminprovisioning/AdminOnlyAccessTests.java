package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The resource server with real tokens: 401 without a valid access token of our pool and client,
 * 403 with a valid one of somebody who is no active admin. The same checks a real pool's tokens get.
 */
class AdminOnlyAccessTests extends EndToEndTestSupport {

    @Autowired
    private CognitoProperties pool;

    private void isProblem(MvcResult result, int status, String slug) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + slug);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    private void refusedEverywhere(String token, int status, String slug) throws Exception {
        isProblem(perform(getWith("/admins", token)), status, slug);
        isProblem(perform(getWith("/admins/" + UUID.randomUUID(), token)), status, slug);
        isProblem(createAdmin(token, uniqueEmail("never")), status, slug);
        isProblem(perform(postJson("/admins/resend-invite", token, java.util.Map.of("email", BOOTSTRAP_EMAIL))), status,
                slug);
    }

    /** Claims exactly like the pool's access tokens, signed with a key of our choosing. */
    private String forgedToken(RSAKey key, String username, Instant expiresAt) throws Exception {
        Instant issuedAt = expiresAt.minus(Duration.ofHours(1));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(pool.issuerUri())
                .subject(UUID.randomUUID().toString())
                .claim("client_id", pool.clientId())
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", username)
                .claim("cognito:groups", List.of(pool.adminGroup()))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String bootstrapUsername() {
        return cognito.findUser(BOOTSTRAP_EMAIL).map(CognitoUser::username).orElseThrow();
    }

    @Test
    void aValidAdminToken_isAccepted() throws Exception {
        assertThat(perform(getWith("/admins", bootstrapToken())).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void noToken_is401WithABearerChallenge() throws Exception {
        refusedEverywhere(null, 401, "unauthorized");
        assertThat(perform(getWith("/admins", null)).getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Bearer");
    }

    @Test
    void aTokenSignedByAnotherKey_is401_evenWithTheRightClaims() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();

        refusedEverywhere(forgedToken(otherKey, bootstrapUsername(), Instant.now().plus(Duration.ofHours(1))), 401,
                "unauthorized");
    }

    @Test
    void anExpiredToken_is401() throws Exception {
        clock.advance(Duration.ofHours(-2));
        String expired = bootstrapToken();
        clock.reset();

        refusedEverywhere(expired, 401, "unauthorized");
    }

    @Test
    void anIdToken_is401_becauseOnlyAccessTokensAuthorize() throws Exception {
        String idToken = login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD).path("idToken").asString();

        refusedEverywhere(idToken, 401, "unauthorized");
    }

    @Test
    void aMalformedToken_is401() throws Exception {
        refusedEverywhere("not-a-jwt", 401, "unauthorized");
    }

    @Test
    void aValidTokenOfAPoolUserOutsideTheAdminGroup_is403() throws Exception {
        String email = uniqueEmail("outsider");
        userPool.adminCreateUser(r -> r.userPoolId(pool.userPoolId()).username(email).messageAction("SUPPRESS")
                .userAttributes(a -> a.name("email").value(email)));
        userPool.adminSetUserPassword(r -> r.userPoolId(pool.userPoolId()).username(email)
                .password(CHOSEN_PASSWORD).permanent(true));

        refusedEverywhere(accessToken(email, CHOSEN_PASSWORD), 403, "forbidden");
    }

    @Test
    void aValidTokenOfAGroupMemberWithoutAUser_is403() throws Exception {
        String email = uniqueEmail("ghost");
        userPool.createConfirmedAdmin(email, CHOSEN_PASSWORD);

        refusedEverywhere(accessToken(email, CHOSEN_PASSWORD), 403, "forbidden");
        assertThat(usersWithEmail(email)).isZero();
    }

    @Test
    void aValidTokenOfADisabledAdmin_is403_atOnce() throws Exception {
        String email = uniqueEmail("disabled");
        String token = activeAdminToken(email);
        assertThat(perform(getWith("/admins", token)).getResponse().getStatus()).isEqualTo(200);

        jdbc.update("UPDATE users SET status = 'DISABLED' WHERE email = ?", email);

        refusedEverywhere(token, 403, "forbidden");
    }

    /** A frontend signing in again typically still sends its old, expired token: the sign-in must not care. */
    @Test
    void signingIn_ignoresAStaleBearerToken() throws Exception {
        clock.advance(Duration.ofHours(-2));
        String expired = bootstrapToken();
        clock.reset();

        MvcResult result = perform(postJson("/auth/login", expired, java.util.Map.of("username", BOOTSTRAP_EMAIL,
                "password", BOOTSTRAP_PASSWORD)));

        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(perform(postJson("/auth/new-password-challenge", "not-a-jwt", java.util.Map.of("username",
                BOOTSTRAP_EMAIL, "temporaryPassword", "Wrong-Passw0rd!", "newPassword", CHOSEN_PASSWORD)))
                .getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void theAuthEndpointsAndHealth_arePublic() throws Exception {
        assertThat(perform(postJson("/auth/login", null, java.util.Map.of("username", BOOTSTRAP_EMAIL, "password",
                BOOTSTRAP_PASSWORD))).getResponse().getStatus()).isEqualTo(200);
        assertThat(perform(getWith("/actuator/health", null)).getResponse().getStatus()).isEqualTo(200);
    }
}
