package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code Idempotency-Key} on {@code POST /admins} over HTTP (DESIGN §5). */
class IdempotencyTests extends ApiTestSupport {

    @Autowired
    CognitoGateway cognito;

    @Autowired
    ProvisioningRequests requests;

    private static String uniqueEmail(String name) {
        return ApiTestSupport.uniqueEmail(name, "idempotency.example.com");
    }

    @Test
    void theSameKeyAndBody_replaysTheFirstAnswer_statusHeadersAndBody_withoutCallingCognitoAgain() {
        String email = uniqueEmail("replay");
        AdminApi.Reply first = api.createAdmin(token, email, "key-" + email);
        AdminApi.Reply second = api.createAdmin(token, "  " + email.toUpperCase() + " ", "key-" + email);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"))
                .isEqualTo("/admins/" + first.body().get("id").asString());
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
        assertThat(requests.findByEmailOrderByCreatedAtAsc(email)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherEmail_is422IdempotencyKeyReused_andNeverReachesCognito() {
        String email = uniqueEmail("first");
        String other = uniqueEmail("other");
        assertThat(api.createAdmin(token, email, "key-" + email).status()).isEqualTo(201);

        AdminApi.Reply reused = api.createAdmin(token, other, "key-" + email);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        verify(cognito, never()).createAdminUser(eq(other), anyString());
        assertThat(requests.findByEmailOrderByCreatedAtAsc(other)).isEmpty();
    }

    @Test
    void theSameKeyAfterAFailure_replaysTheFailure_withoutCallingCognitoAgain() {
        String email = uniqueEmail("refused");
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
        String email = uniqueEmail("unfinished");
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
        String email = uniqueEmail("nokey");
        assertThat(api.createAdmin(token, email, null).status()).isEqualTo(201);

        AdminApi.Reply again = api.createAdmin(token, email, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("admin-exists");
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
    }
}
