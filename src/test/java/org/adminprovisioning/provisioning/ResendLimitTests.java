package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.audit.AuditEntry;
import org.junit.jupiter.api.Test;

/** {@code POST /admins/resend-invite} and its per-admin hourly limit ({@code provisioning.max-resends-per-hour=2} here). */
class ResendLimitTests extends EndToEndTestSupport {

    @Test
    void resendsBeyondTheHourlyLimit_are429TooManyInvites_andSendNothing() {
        String email = "resend-" + UUID.randomUUID().toString().substring(0, 8) + "@resend.example.com";
        assertThat(api.createAdmin(token, email, null).status()).isEqualTo(201);

        AdminApi.Reply first = api.post("/admins/resend-invite", Map.of("email", email), token);
        AdminApi.Reply second = api.post("/admins/resend-invite", Map.of("email", email.toUpperCase()), token);
        AdminApi.Reply third = api.post("/admins/resend-invite", Map.of("email", email), token);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().get("cognitoStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(second.status()).isEqualTo(202);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.problemType()).isEqualTo("too-many-invites");
        assertThat(outbox.to(email)).hasSize(3); // the invitation and two resends
        assertThat(auditOf(email)).filteredOn(e -> e.action().equals("RESEND_INVITE"))
                .extracting(AuditEntry::outcome).containsExactly("SUCCEEDED", "SUCCEEDED", "REFUSED");
    }

    @Test
    void resendingToNobodyOrToAnActiveAdmin_isRefused_andAudited() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@resend.example.com";

        AdminApi.Reply unknown = api.post("/admins/resend-invite", Map.of("email", nobody), token);
        AdminApi.Reply active = api.post("/admins/resend-invite", Map.of("email", AdminApi.BOOTSTRAP_EMAIL), token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("admin-not-found");
        assertThat(active.status()).isEqualTo(409);
        assertThat(active.problemType()).isEqualTo("admin-already-active");
        assertThat(auditOf(nobody)).extracting(AuditEntry::outcome).containsExactly("REFUSED");
    }
}
