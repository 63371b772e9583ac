package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.cognito.inmemory.OutboxMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;

/**
 * The sign-in flows on a pool without MFA, over HTTP: refresh, forgotten passwords for every kind of
 * username, the reset itself, and the key set a web app's backend verifies our tokens with.
 */
class SignInFlowTests extends EndToEndTestSupport {

    private static final String POOL_KEYS = "/us-east-1_LocalPool01/.well-known/jwks.json";

    private void isProblem(MvcResult result, int status, String slug) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + slug);
    }

    private MvcResult refresh(String refreshToken, String username) throws Exception {
        return perform(postJson("/auth/refresh", null, Map.of("refreshToken", refreshToken, "username", username)));
    }

    private MvcResult forgotPassword(String username) throws Exception {
        return perform(postJson("/auth/forgot-password", null, Map.of("username", username)));
    }

    private MvcResult confirm(String username, String code, String newPassword) throws Exception {
        return perform(postJson("/auth/confirm-forgot-password", null,
                Map.of("username", username, "code", code, "newPassword", newPassword)));
    }

    /** The request was handed to the background: waits for its one audit row, and returns its detail. */
    private String resetHandled(String target) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<String> details = jdbc.queryForList("SELECT detail FROM audit_events WHERE action = "
                    + "'PASSWORD_RESET_REQUEST' AND target = ?", String.class, target);
            if (!details.isEmpty()) {
                return details.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the password reset request for " + target + " was never handled");
    }

    @Test
    void refresh_answersNewTokensTheServiceAccepts_butNoNewRefreshToken() throws Exception {
        JsonNode signedIn = login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        clock.advance(Duration.ofMinutes(59));

        MvcResult refreshed = refresh(signedIn.path("refreshToken").asString(), BOOTSTRAP_EMAIL);

        assertThat(refreshed.getResponse().getStatus()).as(refreshed.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode tokens = body(refreshed);
        assertThat(tokens.has("refreshToken")).isFalse();
        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("idToken").asString()).isNotBlank();
        assertThat(tokens.path("accessToken").asString()).isNotEqualTo(signedIn.path("accessToken").asString());
        assertThat(perform(getWith("/admins", tokens.path("accessToken").asString())).getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void refresh_isRefusedAfterAGlobalSignOut_andForAForgedToken_sayingToSignInAgain() throws Exception {
        String email = uniqueEmail("signed-out");
        activeAdminToken(email);
        String refreshToken = login(email, CHOSEN_PASSWORD).path("refreshToken").asString();
        clock.advance(Duration.ofSeconds(1));
        cognito.signOutEverywhere(records.findByEmail(email).orElseThrow().cognitoUsername());

        MvcResult revoked = refresh(refreshToken, email);

        isProblem(revoked, 401, "invalid-credentials");
        assertThat(body(revoked).path("detail").asString()).isEqualTo("Your session has ended. Please sign in again.");
        isProblem(refresh("forged-refresh-token", email), 401, "invalid-credentials");
    }

    @Test
    void forgotPassword_answersTheSame202_forUnknownInvitedActiveAndDisabledUsers_andOnlyTheRightOnesAreEmailed()
            throws Exception {
        String token = bootstrapToken();
        String unknown = uniqueEmail("forgot-unknown");
        String invited = uniqueEmail("forgot-invited");
        invite(token, invited);
        String active = uniqueEmail("forgot-active");
        activeAdminToken(active);
        String disabled = uniqueEmail("forgot-disabled");
        activeAdminToken(disabled);
        assertThat(api.post("/admins/" + records.findByEmail(disabled).orElseThrow().id() + "/disable", null, token)
                .status()).isEqualTo(200);

        List<MvcResult> answers = List.of(forgotPassword(unknown), forgotPassword(invited.toUpperCase()),
                forgotPassword(" " + active + " "), forgotPassword(disabled), forgotPassword("not-an-email"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getResponse().getStatus()).isEqualTo(202);
            assertThat(answer.getResponse().getContentAsString()).isEmpty();
            assertThat(answer.getResponse().getHeaderNames()).doesNotContain("Location", "Retry-After");
        });
        assertThat(resetHandled(unknown)).isEqualTo("no such admin: nothing sent");
        assertThat(resetHandled("not-an-email")).isEqualTo("no such admin: nothing sent");
        assertThat(resetHandled(invited)).isEqualTo("invitation resent instead");
        assertThat(resetHandled(active)).isEqualTo("reset code sent");
        assertThat(resetHandled(disabled)).isEqualTo("admin is DISABLED: nothing sent");

        assertThat(invitationsTo(unknown)).isEmpty();
        assertThat(invitationsTo(disabled)).hasSize(1).allSatisfy(m -> assertThat(m.code()).isNull());
        assertThat(invitationsTo(invited)).hasSize(2).allSatisfy(m -> assertThat(m.temporaryPassword()).isNotBlank());
        assertThat(records.findByEmail(invited).orElseThrow().inviteCount()).isEqualTo(2);
        assertThat(invitationsTo(active)).last().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Your verification code");
            assertThat(m.code()).matches("\\d{6}");
        });
    }

    @Test
    void forgotPassword_ofAnInvitedAdmin_countsAgainstTheResendLimit() throws Exception {
        String token = bootstrapToken();
        String email = uniqueEmail("forgot-limit");
        invite(token, email);
        for (int i = 0; i < MAX_RESENDS_PER_HOUR; i++) {
            assertThat(perform(postJson("/admins/resend-invite", token, Map.of("email", email))).getResponse()
                    .getStatus()).isEqualTo(202);
        }

        assertThat(forgotPassword(email).getResponse().getStatus()).isEqualTo(202);

        assertThat(resetHandled(email)).isEqualTo("invitation not resent (limit reached): nothing sent");
        assertThat(invitationsTo(email)).hasSize(1 + MAX_RESENDS_PER_HOUR);
    }

    @Test
    void confirmForgotPassword_setsTheNewPassword_withTheEmailedCode_andRefusesAWrongCodeOrAWeakPassword()
            throws Exception {
        String email = uniqueEmail("reset");
        activeAdminToken(email);
        forgotPassword(email);
        resetHandled(email);
        String code = invitationsTo(email).get(invitationsTo(email).size() - 1).code();

        isProblem(confirm(email, code.equals("000000") ? "111111" : "000000", "Brand-New-Passw0rd!"), 401,
                "invalid-code");
        MvcResult weak = confirm(email, code, "weak");
        isProblem(weak, 400, "password-policy");
        assertThat(weak.getResponse().getContentAsString()).doesNotContain(code);

        MvcResult confirmed = confirm(email.toUpperCase(), code, "Brand-New-Passw0rd!");

        assertThat(confirmed.getResponse().getStatus()).as(confirmed.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(accessToken(email, "Brand-New-Passw0rd!")).isNotBlank();
        isProblem(perform(postJson("/auth/login", null, Map.of("username", email, "password", CHOSEN_PASSWORD))), 401,
                "invalid-credentials");
        isProblem(confirm(email, code, "Other-New-Passw0rd!"), 401, "invalid-code");
        isProblem(confirm(uniqueEmail("nobody"), code, "Other-New-Passw0rd!"), 401, "invalid-code");
    }

    @Test
    void poolKeys_areServedWhereCognitoServesThem_publicly_andVerifyOurTokens() throws Exception {
        String accessToken = bootstrapToken();

        MvcResult keys = perform(get(POOL_KEYS).header("Authorization", "Bearer not-a-valid-token"));

        assertThat(keys.getResponse().getStatus()).isEqualTo(200);
        assertThat(keys.getResponse().getHeader("Cache-Control")).contains("public");
        JWKSet set = JWKSet.parse(keys.getResponse().getContentAsString());
        assertThat(set.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
        });
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(set.getKeys().get(0).getKeyID());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(set.getKeys().get(0).toRSAKey())))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool01");
        assertThat(perform(get("/us-east-1_Another/.well-known/jwks.json")).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void signInSteps_areAudited_withoutSecrets() throws Exception {
        String email = uniqueEmail("audited");
        activeAdminToken(email);
        perform(postJson("/auth/login", null, Map.of("username", email, "password", "Wrong-Passw0rd!")));

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT action, outcome, detail FROM audit_events WHERE "
                + "target = ? AND action IN ('SIGN_IN', 'FIRST_LOGIN') ORDER BY at", email);

        assertThat(rows).extracting(row -> row.get("ACTION") + " " + row.get("OUTCOME"))
                .containsExactly("FIRST_LOGIN SUCCEEDED", "SIGN_IN SUCCEEDED", "SIGN_IN REFUSED");
        assertThat(rows.get(2).get("DETAIL")).as("audited once, by the sign-in guard, with the caller's address")
                .isEqualTo("POST /auth/login from 127.0.0.1: 401");
        assertThat(rows.toString()).doesNotContain(CHOSEN_PASSWORD, "Wrong-Passw0rd!");
    }

    @Test
    void unknownIdsInTheOutbox_areNeverCreatedByAResetOfAnUnknownUser() throws Exception {
        String unknown = UUID.randomUUID() + "@example.com";
        forgotPassword(unknown);
        resetHandled(unknown);

        assertThat(outbox.all()).extracting(OutboxMessage::to).doesNotContain(unknown);
    }
}
