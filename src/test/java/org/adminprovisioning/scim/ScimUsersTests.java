package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.adminprovisioning.provisioning.AdminChange;
import org.adminprovisioning.provisioning.DisableAdmin;
import org.adminprovisioning.provisioning.EnableAdmin;
import org.adminprovisioning.provisioning.FailureReason;
import org.adminprovisioning.provisioning.OffboardAdmin;
import org.adminprovisioning.provisioning.OperationFailedException;
import org.adminprovisioning.provisioning.OperationOutcome;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How {@link ScimUsers} maps SCIM onto the engine's operations and their outcomes, with the operations mocked. */
class ScimUsersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DISABLE = "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}";
    private static final String ENABLE = "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}";

    private final ProvisionAdmin provision = mock(ProvisionAdmin.class);
    private final DisableAdmin disable = mock(DisableAdmin.class);
    private final EnableAdmin enable = mock(EnableAdmin.class);
    private final OffboardAdmin offboard = mock(OffboardAdmin.class);
    private final AdminRecords records = mock(AdminRecords.class);
    private final ExternalIds externalIds = mock(ExternalIds.class);
    private final ScimUsers users = new ScimUsers(provision, disable, enable, offboard, records, externalIds);
    private final AdminAccount admin = account(AdminStatus.ACTIVE);

    @Test
    void everyOperation_runsAsTheConnector_withoutAnIdempotencyKey() {
        known(admin);
        when(disable.disable(any())).thenReturn(new OperationOutcome.Done(response(AdminStatus.DISABLED)));

        users.patch("entra", admin.id().toString(), json(DISABLE));

        verify(disable).disable(argThat((AdminChange change) -> change.actor().name().equals("scim:entra")
                && change.actor().adminId() == null && change.idempotencyKey() == null
                && change.adminId().equals(admin.id())));
    }

    @Test
    void aDisableLeftPendingForTheReconciler_isASuccess_theAdminCannotActAlready() {
        known(admin);
        when(disable.disable(any())).thenReturn(new OperationOutcome.Pending(response(AdminStatus.DISABLED)));

        ScimUser answered = users.patch("entra", admin.id().toString(), json(DISABLE));

        assertThat(answered.active()).isFalse();
    }

    @Test
    void anEnableLeftPendingForTheReconciler_is503WithRetryAfter_untilTheAdminReallyIsActive() {
        known(account(AdminStatus.DISABLED));
        when(enable.enable(any())).thenReturn(new OperationOutcome.Pending(response(AdminStatus.DISABLED)));

        ScimException retry = catchThrowableOfType(ScimException.class,
                () -> users.patch("okta", admin.id().toString(), json(ENABLE)));

        assertThat(retry.status()).isEqualTo(503);
        assertThat(retry.retryAfter()).isPositive();
    }

    @Test
    void theEnginesRefusals_becomeScimStatuses() {
        known(admin);
        assertThat(statusWhenDisableFails(new OperationFailedException(FailureReason.LAST_ACTIVE_ADMIN, "last")))
                .isEqualTo("409 null");
        assertThat(statusWhenDisableFails(new OperationFailedException(FailureReason.OPERATION_IN_PROGRESS, "busy")))
                .isEqualTo("503 null");
        assertThat(statusWhenDisableFails(new OperationFailedException(FailureReason.ADMIN_NOT_FOUND, "gone")))
                .isEqualTo("404 null");
        assertThat(statusWhenDisableFails(new CognitoUnavailableException("down", null))).isEqualTo("503 null");
    }

    @Test
    void anExistingAdmin_is409Uniqueness_andASpentEmailQuota_is503WithoutAShortRetry() {
        doThrow(new OperationFailedException(FailureReason.ADMIN_EXISTS, "exists")).when(provision).provision(any());
        ScimException exists = catchThrowableOfType(ScimException.class,
                () -> users.create("okta", json("{\"userName\":\"ann@example.com\"}")));
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.scimType()).isEqualTo("uniqueness");

        doThrow(new EmailQuotaExceededException("quota", null)).when(provision).provision(any());
        ScimException quota = catchThrowableOfType(ScimException.class,
                () -> users.create("okta", json("{\"userName\":\"ann@example.com\"}")));
        assertThat(quota.status()).isEqualTo(503);
        assertThat(quota.retryAfter()).isNull();
    }

    @Test
    void creatingAnInactiveUser_provisionsThenDisables() {
        when(provision.provision(any())).thenReturn(new OperationOutcome.Done(response(AdminStatus.INVITED)));
        when(disable.disable(any())).thenReturn(new OperationOutcome.Done(response(AdminStatus.DISABLED)));
        when(externalIds.of(anyString(), any(UUID.class))).thenReturn(Optional.of("ext-1"));

        ScimUser created = users.create("okta", json("{\"userName\":\" Ann@Example.com \",\"active\":\"false\","
                + "\"externalId\":\"ext-1\"}"));

        assertThat(created.active()).isFalse();
        assertThat(created.externalId()).isEqualTo("ext-1");
        verify(provision).provision(argThat(command -> command.email().value().equals("ann@example.com")
                && command.actor().name().equals("scim:okta")));
        verify(externalIds).put("okta", admin.id(), "ext-1");
    }

    @Test
    void anOffboardedAdmin_doesNotExistForScim() {
        known(account(AdminStatus.OFFBOARDED));

        ScimException missing = catchThrowableOfType(ScimException.class,
                () -> users.delete("okta", admin.id().toString()));

        assertThat(missing.status()).isEqualTo(404);
        verify(offboard, never()).offboard(any(AdminChange.class));
    }

    private String statusWhenDisableFails(RuntimeException failure) {
        doThrow(failure).when(disable).disable(any(AdminChange.class));
        ScimException scim = catchThrowableOfType(ScimException.class,
                () -> users.patch("entra", admin.id().toString(), json(DISABLE)));
        return scim.status() + " " + scim.scimType();
    }

    private void known(AdminAccount account) {
        when(records.findById(admin.id())).thenReturn(Optional.of(account));
    }

    private AdminAccount account(AdminStatus status) {
        UUID id = admin == null ? UUID.randomUUID() : admin.id();
        return new AdminAccount(id, "ann@example.com", "user-1", "sub-1", status, null, Instant.EPOCH, null, null, 1,
                null, false, Instant.EPOCH);
    }

    private AdminResponse response(AdminStatus status) {
        return AdminResponse.of(account(status));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
