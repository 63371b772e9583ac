package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.adminprovisioning.testsupport.Authenticator;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * The sign-in flows on a pool that requires MFA ({@code cognito.in-memory.mfa=REQUIRED}), over HTTP, with real
 * TOTP codes from an independent authenticator and the pool's clock moved: MFA setup at the first
 * sign-in, the code at every sign-in after, wrong, replayed and late codes, expired invitations, refresh
 * and forgotten passwords. README's MFA walk-through is {@link #readmeMfaVariant_bootstrapAdminSetsUpMfa_invitesAnAdmin_whoSetsUpMfaToo}.
 */
class MfaRequiredFlowTests extends MfaFlowTestSupport {

    private void isProblem(MvcResult result, int status, String slug) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + slug);
    }

    private MvcResult tryLogin(String email, String password) throws Exception {
        return perform(postJson("/auth/login", null, Map.of("username", email, "password", password)));
    }

    @Test
    void readmeMfaVariant_bootstrapAdminSetsUpMfa_invitesAnAdmin_whoSetsUpMfaToo() throws Exception {
        // 1. An admin who signs in for the first time: the pool requires MFA and it has no app yet (the
        //    bootstrap admin in README; here one of its own, as the bootstrap admin serves every suite).
        String first = uniqueEmail("mfa-first");
        invite(bootstrapToken(), first);
        assertThat(body(answerChallenge(first, temporaryPasswordOf(first), CHOSEN_PASSWORD)).path("challenge")
                .asString()).isEqualTo("MFA_SETUP");
        JsonNode challenge = login(first, CHOSEN_PASSWORD);
        assertThat(challenge.path("challenge").asString()).isEqualTo("MFA_SETUP");
        assertThat(challenge.path("secretCode").asString()).matches("[A-Z2-7]{32}");
        assertThat(challenge.path("otpauthUri").asString()).isEqualTo("otpauth://totp/AdminProvisioning:"
                + first + "?secret=" + challenge.path("secretCode").asString() + "&issuer=AdminProvisioning");
        assertThat(challenge.has("accessToken")).isFalse();
        // 2. It adds the secret to an app (oathtool --totp -b SECRET) and sends the code.
        String adminToken = setUpApp(first, challenge).path("accessToken").asString();

        // 3. It creates an admin; the temporary password arrives in the outbox.
        String email = uniqueEmail("mfa-walkthrough");
        JsonNode created = invite(adminToken, email);

        // 4. The new admin chooses a password: Cognito stores it and asks for an app next.
        MvcResult firstStep = answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD);
        assertThat(firstStep.getResponse().getStatus()).isEqualTo(200);
        JsonNode setup = body(firstStep);
        assertThat(setup.path("challenge").asString()).isEqualTo("MFA_SETUP");
        assertThat(setup.has("accessToken")).isFalse();
        assertThat(statusOf(email)).as("not active before the sign-in completes").isEqualTo("INVITED");

        // 5. It adds the app and sends its code: tokens, and it is ACTIVE.
        String newToken = setUpApp(email, setup).path("accessToken").asString();
        assertThat(statusOf(email)).isEqualTo("ACTIVE");
        assertThat(body(perform(getWith("/admins/" + created.path("id").asString(), newToken))).path("status")
                .asString()).isEqualTo("ACTIVE");

        // 6. From now on it signs in with password and code, and creates a third admin.
        String again = signInWithApp(email, CHOSEN_PASSWORD).path("accessToken").asString();
        assertThat(createAdmin(again, uniqueEmail("mfa-third")).getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void mfaSetup_refusesAWrongCode_with401InvalidMfaCode_andTheSessionStaysUsable() throws Exception {
        String email = uniqueEmail("mfa-wrong-setup");
        invite(bootstrapToken(), email);
        JsonNode setup = body(answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD));
        String secret = setup.path("secretCode").asString();
        String session = setup.path("session").asString();

        MvcResult wrong = mfaSetup(email, session, wrong(Authenticator.code(secret, clock.instant())));

        isProblem(wrong, 401, "invalid-mfa-code");
        assertThat(body(wrong).path("detail").asString()).contains("authenticator app");
        assertThat(statusOf(email)).isEqualTo("INVITED");
        assertThat(mfaSetup(email, session, Authenticator.code(secret, clock.instant())).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(statusOf(email)).isEqualTo("ACTIVE");
    }

    @Test
    void mfa_refusesACodeReplayedInTheSameStep_andAcceptsTheNextOne() throws Exception {
        String email = uniqueEmail("mfa-replay");
        activeMfaAdmin(email);
        JsonNode first = login(email, CHOSEN_PASSWORD);
        assertThat(first.size()).as("only the challenge and its session").isEqualTo(2);
        String code = codeOf(email);
        assertThat(mfa(email, first.path("session").asString(), code).getResponse().getStatus()).isEqualTo(200);

        JsonNode second = login(email, CHOSEN_PASSWORD);
        isProblem(mfa(email, second.path("session").asString(), code), 401, "invalid-mfa-code");

        clock.advance(Duration.ofSeconds(30));
        MvcResult next = mfa(email, second.path("session").asString(), codeOf(email));
        assertThat(next.getResponse().getStatus()).as(next.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(body(next).path("accessToken").asString()).isNotBlank();
    }

    @Test
    void mfa_refusesAWrongCode_andTheSameSessionTakesTheRightOne() throws Exception {
        String email = uniqueEmail("mfa-wrong");
        activeMfaAdmin(email);
        String session = login(email, CHOSEN_PASSWORD).path("session").asString();

        isProblem(mfa(email, session, wrong(codeOf(email))), 401, "invalid-mfa-code");

        assertThat(mfa(email, session, codeOf(email)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void sessionsExpireAfterThreeMinutes_atMfaSetupAndAtMfa_with401SessionExpired() throws Exception {
        String email = uniqueEmail("mfa-slow");
        invite(bootstrapToken(), email);
        JsonNode setup = body(answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD));
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));

        MvcResult lateSetup = mfaSetup(email, setup.path("session").asString(),
                Authenticator.code(setup.path("secretCode").asString(), clock.instant()));

        isProblem(lateSetup, 401, "session-expired");
        assertThat(body(lateSetup).path("detail").asString()).isEqualTo("Your sign-in took too long and has expired. "
                + "Please sign in again.");
        // Signing in again starts a new setup, with the password already chosen.
        setUpApp(email, login(email, CHOSEN_PASSWORD));
        String session = login(email, CHOSEN_PASSWORD).path("session").asString();
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        isProblem(mfa(email, session, codeOf(email)), 401, "session-expired");
        isProblem(mfa(email, "forged-session", codeOf(email)), 401, "session-expired");
    }

    @Test
    void anExpiredInvitation_answers401InviteExpired_atSignInAndAtTheNewPasswordChallenge() throws Exception {
        String email = uniqueEmail("mfa-expired");
        invite(bootstrapToken(), email);
        String temporary = temporaryPasswordOf(email);
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        MvcResult expired = tryLogin(email, temporary);

        isProblem(expired, 401, "invite-expired");
        assertThat(body(expired).path("detail").asString()).contains("Ask an administrator to send you a new invitation");
        isProblem(answerChallenge(email, temporary, CHOSEN_PASSWORD), 401, "invite-expired");
        isProblem(tryLogin(email, "Not-The-Temp-Passw0rd!"), 401, "invalid-credentials");
    }

    @Test
    void refresh_worksAfterAnMfaSignIn_withoutAnotherCode() throws Exception {
        String email = uniqueEmail("mfa-refresh");
        activeMfaAdmin(email);
        JsonNode tokens = signInWithApp(email, CHOSEN_PASSWORD);

        MvcResult refreshed = perform(postJson("/auth/refresh", null,
                Map.of("refreshToken", tokens.path("refreshToken").asString(), "username", email)));

        assertThat(refreshed.getResponse().getStatus()).as(refreshed.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(body(refreshed).has("refreshToken")).isFalse();
        assertThat(perform(getWith("/admins", body(refreshed).path("accessToken").asString())).getResponse()
                .getStatus()).isEqualTo(200);
    }

    @Test
    void forgottenPassword_ofAnActiveMfaAdmin_resetsThePassword_andTheAppIsStillAskedFor() throws Exception {
        String email = uniqueEmail("mfa-forgot");
        activeMfaAdmin(email);
        perform(postJson("/auth/forgot-password", null, Map.of("username", email)));
        String code = awaitResetCode(email);

        MvcResult confirmed = perform(postJson("/auth/confirm-forgot-password", null,
                Map.of("username", email, "code", code, "newPassword", "Brand-New-Passw0rd!")));

        assertThat(confirmed.getResponse().getStatus()).isEqualTo(200);
        assertThat(signInWithApp(email, "Brand-New-Passw0rd!").path("accessToken").asString()).isNotBlank();
    }

    @Test
    void forgottenPassword_ofAnAdminWhoChoseAPasswordButLeftTheMfaSetup_getsAResetCode_notAnInvitation()
            throws Exception {
        String email = uniqueEmail("mfa-half-done");
        invite(bootstrapToken(), email);
        assertThat(body(answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD)).path("challenge")
                .asString()).isEqualTo("MFA_SETUP");
        assertThat(statusOf(email)).isEqualTo("INVITED");

        perform(postJson("/auth/forgot-password", null, Map.of("username", email)));

        assertThat(awaitResetCode(email)).matches("\\d{6}");
        assertThat(invitationsTo(email).stream().filter(m -> m.temporaryPassword() != null)).hasSize(1);
    }
}
