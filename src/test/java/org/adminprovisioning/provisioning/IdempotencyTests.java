package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key}s over HTTP: replays, misuse, per caller, expiry, and on every operation. */
class IdempotencyTests extends EndToEndTestSupport {

    private static String unique(String name) {
        return uniqueEmail(name, "idempotency.example.com");
    }

    @Test
    void theSameKeyAndBody_replaysTheFirstAnswer_statusHeadersAndBody_withoutCallingCognitoAgain() {
        String email = unique("replay");
        AdminApi.Reply first = api.createAdmin(token, email, "key-" + email);
        AdminApi.Reply second = api.createAdmin(token, "  " + email.toUpperCase() + " ", "key-" + email);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"))
                .isEqualTo("/admins/" + first.body().get("id").asString());
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
        assertThat(journalStatesOf(email)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherEmail_is422IdempotencyKeyReused_andNeverReachesCognito() {
        String email = unique("first");
        String other = unique("other");
        assertThat(api.createAdmin(token, email, "key-" + email).status()).isEqualTo(201);

        AdminApi.Reply reused = api.createAdmin(token, other, "key-" + email);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        verify(cognito, never()).createAdminUser(eq(other), anyString());
        assertThat(journalStatesOf(other)).isEmpty();
    }

    @Test
    void theSameKeyAfterAFailure_replaysTheFailure_withoutCallingCognitoAgain() {
        String email = unique("refused");
        doThrow(new InvalidInviteException("Cognito refused the invitation: InvalidParameterException", null))
                .when(cognito).createAdminUser(eq(email), anyString());

        AdminApi.Reply first = api.createAdmin(token, email, "key-" + email);
        AdminApi.Reply second = api.createAdmin(token, email, "key-" + email);

        assertThat(first.status()).isEqualTo(400);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.problemType()).isEqualTo(first.problemType()).isEqualTo("invalid-invite");
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
    }

    @Test
    void theSameKeyWhileTheFirstRequestIsUnfinished_is409InProgress_andReplaysItsOutcomeOnceTheReconcilerFinishedIt() {
        String email = unique("unfinished");
        CognitoUnavailableException down = new CognitoUnavailableException("AdminCreateUser timed out", null);
        doThrow(down).when(cognito).createAdminUser(eq(email), anyString());
        doThrow(down).when(cognito).findUser(email);

        AdminApi.Reply first = api.createAdmin(token, email, "key-" + email);
        AdminApi.Reply retry = api.createAdmin(token, email, "key-" + email);

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.problemType()).isEqualTo("cognito-unavailable");
        assertThat(first.header("Retry-After")).isNotNull();
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.problemType()).isEqualTo("provisioning-in-progress");

        org.mockito.Mockito.reset(cognito);
        assertThat(api.post("/admins/reconciliation/run", null, token).status()).isEqualTo(200);
        AdminApi.Reply afterReconciliation = api.createAdmin(token, email, "key-" + email);

        // Cognito never created the user: the reconciler failed the request, and the replay says so.
        assertThat(afterReconciliation.status()).isEqualTo(503);
        assertThat(afterReconciliation.problemType()).isEqualTo("provisioning-interrupted");
        verify(cognito, never()).createAdminUser(eq(email), anyString());
    }

    @Test
    void aRequestWithoutKey_isNotReplayed_butRefusedWith409_becauseTheAdminExists() {
        String email = unique("nokey");
        assertThat(api.createAdmin(token, email, null).status()).isEqualTo(201);

        AdminApi.Reply again = api.createAdmin(token, email, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("admin-exists");
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
    }

    @Test
    void anotherAdminsEqualKey_isAnotherRequest_neverItsReplay() throws Exception {
        String first = unique("mine");
        String second = unique("theirs");
        String otherAdmin = activeAdminToken(unique("other-admin"));
        assertThat(api.createAdmin(token, first, "shared-key-" + first).status()).isEqualTo(201);

        AdminApi.Reply theirs = api.createAdmin(otherAdmin, second, "shared-key-" + first);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.body().path("email").asString()).isEqualTo(second);
    }

    @Test
    void aKeyOlderThanItsLifetime_startsANewRequest() {
        String email = unique("expired-key");
        String key = "old-key-" + email;
        assertThat(api.createAdmin(token, email, key).status()).isEqualTo(201);
        clock.advance(java.time.Duration.ofHours(25));
        String other = unique("expired-key-other");

        AdminApi.Reply reused = api.createAdmin(api.loginAsBootstrapAdmin(), other, key);

        assertThat(reused.status()).as(reused.raw()).isEqualTo(201);
        assertThat(reused.body().path("email").asString()).isEqualTo(other);
    }

    @Test
    void disableEnableAndOffboard_replayTheirFirstAnswer_forTheSameKey() {
        String email = unique("changes");
        String id = api.createAdmin(token, email, null).body().path("id").asString();

        AdminApi.Reply disabled = api.post("/admins/" + id + "/disable", null, token, java.util.Map.of("Idempotency-Key", "d-" + id));
        api.post("/admins/" + id + "/enable", null, token);
        AdminApi.Reply replayed = api.post("/admins/" + id + "/disable", null, token, java.util.Map.of("Idempotency-Key", "d-" + id));
        AdminApi.Reply keyOnAnotherAdmin = api.post("/admins/" + java.util.UUID.randomUUID() + "/disable", null, token,
                java.util.Map.of("Idempotency-Key", "d-" + id));

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(disabled.body());
        assertThat(api.get("/admins/" + id, token).body().path("status").asString())
                .as("the replay changed nothing").isEqualTo("INVITED");
        assertThat(keyOnAnotherAdmin.status()).isEqualTo(422);
        verify(cognito, times(1)).disableUser(anyString());
    }
}
