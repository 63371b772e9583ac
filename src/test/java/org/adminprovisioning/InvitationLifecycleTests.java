package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.cognito.inmemory.OutboxMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/** First sign-in, temporary-password expiry and resends, over HTTP with the pool's own clock moved. */
class InvitationLifecycleTests extends EndToEndTestSupport {

    private void isProblem(MvcResult result, int status, String slug) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + slug);
    }

    private MvcResult resend(String token, String email) throws Exception {
        return perform(postJson("/admins/resend-invite", token, Map.of("email", email)));
    }

    private MvcResult tryLogin(String email, String password) throws Exception {
        return perform(postJson("/auth/login", null, Map.of("username", email, "password", password)));
    }

    @Test
    void theTemporaryPassword_expiresAfterSevenDays_andAResendSendsANewOneThatWorks() throws Exception {
        String token = bootstrapToken();
        String email = uniqueEmail("expiry");
        JsonNode created = invite(token, email);
        String first = temporaryPasswordOf(email);

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(login(email, first).path("challenge").asString()).isEqualTo("NEW_PASSWORD_REQUIRED");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        isProblem(tryLogin(email, first), 401, "invite-expired");
        isProblem(answerChallenge(email, first, CHOSEN_PASSWORD), 401, "invite-expired");
        isProblem(tryLogin(email, first + "x"), 401, "invalid-credentials");

        MvcResult resent = resend(token, email.toUpperCase());
        assertThat(resent.getResponse().getStatus()).as(resent.getResponse().getContentAsString()).isEqualTo(202);
        JsonNode answer = body(resent);
        assertThat(answer.path("email").asString()).isEqualTo(email);
        assertThat(answer.path("cognitoStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(Instant.parse(answer.path("resentAt").asString()))
                .isBetween(clock.instant().minusSeconds(60), clock.instant());
        assertThat(invitationsTo(email)).extracting(OutboxMessage::temporaryPassword).hasSize(2).doesNotHaveDuplicates();
        String second = temporaryPasswordOf(email);
        isProblem(tryLogin(email, first), 401, "invalid-credentials");

        assertThat(answerChallenge(email, second, CHOSEN_PASSWORD).getResponse().getStatus()).isEqualTo(200);

        JsonNode admin = body(perform(getWith("/admins/" + created.path("id").asString(), token)));
        assertThat(admin.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(admin.path("inviteExpiresAt").isNull() || admin.path("inviteExpiresAt").isMissingNode()).isTrue();
        isProblem(resend(token, email), 409, "admin-already-active");
    }

    @Test
    void aResend_movesTheInvitationsExpiry() throws Exception {
        String token = bootstrapToken();
        String email = uniqueEmail("resend-expiry");
        JsonNode created = invite(token, email);
        clock.advance(Duration.ofDays(3));

        assertThat(resend(token, email).getResponse().getStatus()).isEqualTo(202);

        JsonNode admin = body(perform(getWith("/admins/" + created.path("id").asString(), token)));
        assertThat(Instant.parse(admin.path("inviteExpiresAt").asString()))
                .isAfter(Instant.parse(created.path("inviteExpiresAt").asString()).plus(Duration.ofDays(2)));
    }

    @Test
    void resends_areLimitedPerHour_with429() throws Exception {
        String token = bootstrapToken();
        String email = uniqueEmail("resend-limit");
        invite(token, email);

        for (int i = 0; i < MAX_RESENDS_PER_HOUR; i++) {
            assertThat(resend(token, email).getResponse().getStatus()).as("resend %d", i + 1).isEqualTo(202);
        }
        isProblem(resend(token, email), 429, "too-many-invites");
        assertThat(invitationsTo(email)).hasSize(1 + MAX_RESENDS_PER_HOUR);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(resend(token, email).getResponse().getStatus()).isEqualTo(202);
    }

    @Test
    void aResendForAnUnknownEmail_is404_andForABadOne400() throws Exception {
        String token = bootstrapToken();

        isProblem(resend(token, uniqueEmail("nobody")), 404, "admin-not-found");
        isProblem(resend(token, "nobody"), 400, "invalid-email");
        isProblem(resend(token, BOOTSTRAP_EMAIL), 409, "admin-already-active");
    }

    @Test
    void aWeakNewPassword_is400PasswordPolicy_andTheTemporaryPasswordStillWorks() throws Exception {
        String email = uniqueEmail("weak");
        invite(bootstrapToken(), email);
        String temporary = temporaryPasswordOf(email);

        MvcResult weak = answerChallenge(email, temporary, "password");
        isProblem(weak, 400, "password-policy");
        assertThat(body(weak).path("detail").asString()).startsWith("Password does not conform to policy");

        assertThat(answerChallenge(email, temporary, CHOSEN_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(accessToken(email, CHOSEN_PASSWORD)).isNotBlank();
    }

    @Test
    void aWrongTemporaryPassword_is401_andAnAnsweredChallenge_is409() throws Exception {
        String email = uniqueEmail("wrong-temp");
        String token = activeAdminToken(email);
        assertThat(token).isNotBlank();

        isProblem(answerChallenge(email, "Wrong-Passw0rd!", "Another-Passw0rd!"), 401, "invalid-credentials");
        isProblem(answerChallenge(email, CHOSEN_PASSWORD, "Another-Passw0rd!"), 409, "no-challenge-pending");
    }

    @Test
    void aWrongPasswordAndAnUnknownUser_lookTheSame() throws Exception {
        MvcResult wrong = tryLogin(BOOTSTRAP_EMAIL, "Wrong-Passw0rd!");
        MvcResult unknown = tryLogin(uniqueEmail("unknown"), "Wrong-Passw0rd!");

        isProblem(wrong, 401, "invalid-credentials");
        isProblem(unknown, 401, "invalid-credentials");
        assertThat(body(unknown).path("detail")).isEqualTo(body(wrong).path("detail"));
    }

    @Test
    void anUnknownAdminId_is404() throws Exception {
        isProblem(perform(getWith("/admins/" + UUID.randomUUID(), bootstrapToken())), 404, "admin-not-found");
    }
}
