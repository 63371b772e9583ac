package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.audit.AuditEntry;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.inmemory.OutboxMessage;
import org.junit.jupiter.api.Test;

/**
 * Every provision, resend, first login, compensation and repair leaves an {@code audit_events}
 * row naming actor, action, target and outcome, and no row ever holds a password or a token.
 */
class AuditTrailTests extends EndToEndTestSupport {

    private static final String NEW_PASSWORD = "Chosen-Permanent-Pw9!";

    private static String unique(String name) {
        return uniqueEmail(name, "audit.example.com");
    }

    @Test
    void provisionResendFirstLoginCompensationAndRepair_areAudited_withoutAnySecret() {
        List<String> secrets = new ArrayList<>(List.of(token, AdminApi.BOOTSTRAP_PASSWORD, NEW_PASSWORD));

        String invited = unique("invited");
        assertThat(api.createAdmin(token, invited, "key-" + invited).status()).isEqualTo(201);
        assertThat(api.post("/admins/resend-invite", Map.of("email", invited), token).status()).isEqualTo(202);
        List<OutboxMessage> invitations = outbox.to(invited);
        invitations.forEach(message -> secrets.add(message.temporaryPassword()));
        String temporary = invitations.get(invitations.size() - 1).temporaryPassword();
        assertThat(api.post("/auth/new-password-challenge",
                Map.of("username", invited, "temporaryPassword", "Wrong-Temporary-1!", "newPassword", NEW_PASSWORD),
                null).status()).isEqualTo(401);
        AdminApi.Reply firstLogin = api.post("/auth/new-password-challenge",
                Map.of("username", invited, "temporaryPassword", temporary, "newPassword", NEW_PASSWORD), null);
        assertThat(firstLogin.status()).isEqualTo(200);
        secrets.add(firstLogin.body().get("accessToken").asString());
        secrets.add(firstLogin.body().get("idToken").asString());
        secrets.add(firstLogin.body().get("refreshToken").asString());

        String rolledBack = unique("rolled-back");
        doThrow(new CognitoUnavailableException("AdminAddUserToGroup failed: InternalErrorException (500)", null))
                .when(cognito).addToAdminGroup(anyString());
        assertThat(api.createAdmin(token, rolledBack, null).status()).isEqualTo(503);
        org.mockito.Mockito.reset(cognito);
        outbox.to(rolledBack).forEach(message -> secrets.add(message.temporaryPassword()));

        String ghost = unique("ghost");
        String ghostUsername = userPool.createConfirmedAdmin(ghost, "Ghost-Password-1!");
        secrets.add("Ghost-Password-1!");
        assertThat(api.post("/admins/reconciliation/repair",
                Map.of("entry", "ghost-cognito-user", "id", ghostUsername, "action", "delete-cognito-user"), token)
                .status()).isEqualTo(200);

        assertThat(auditOf(invited))
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
                .containsExactly(
                        tuple(AdminApi.BOOTSTRAP_EMAIL, "PROVISION_ADMIN", "SUCCEEDED"),
                        tuple(AdminApi.BOOTSTRAP_EMAIL, "RESEND_INVITE", "SUCCEEDED"),
                        tuple("anonymous", "FIRST_LOGIN", "REFUSED"),
                        tuple(cognito.findUser(invited).orElseThrow().username(), "FIRST_LOGIN", "SUCCEEDED"));
        assertThat(auditOf(rolledBack))
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
                .containsExactly(tuple(AdminApi.BOOTSTRAP_EMAIL, "COMPENSATE", "ROLLED_BACK"));
        assertThat(auditOf(ghost))
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
                .containsExactly(tuple(AdminApi.BOOTSTRAP_EMAIL, "REPAIR", "SUCCEEDED"));
        assertThat(jdbc.queryForList("SELECT actor, target, detail FROM audit_events")).allSatisfy(event -> {
            String row = event.get("ACTOR") + " " + event.get("TARGET") + " " + event.get("DETAIL");
            secrets.forEach(secret -> assertThat(row).doesNotContain(secret));
        });
    }
}
