package org.adminprovisioning.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.bootstrap.CognitoBootstrapAdmin.Result;
import org.adminprovisioning.provisioning.Actor;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first admin against a real pool: adopted, provisioned, or left alone. */
class CognitoBootstrapAdminTests {

    private static final String EMAIL = "root@example.com";

    private final CognitoGateway cognito = mock(CognitoGateway.class);
    private final AdminRecords records = mock(AdminRecords.class);
    private final ProvisionAdmin provisioning = mock(ProvisionAdmin.class);
    private final AuditTrail audit = mock(AuditTrail.class);

    private CognitoBootstrapAdmin bootstrap;

    @BeforeEach
    void setUp() {
        bootstrap = bootstrapFor(EMAIL);
        when(records.findByEmail(EMAIL)).thenReturn(Optional.empty());
    }

    private CognitoBootstrapAdmin bootstrapFor(String email) {
        return new CognitoBootstrapAdmin(cognito, records, provisioning, audit, new BootstrapProperties(email, ""));
    }

    @Test
    void bootstrap_doesNothing_whenNoEmailIsConfigured() {
        assertThat(bootstrapFor("  ").bootstrap()).isEqualTo(Result.NOT_CONFIGURED);

        verifyNoInteractions(cognito, records, provisioning);
    }

    @Test
    void bootstrap_neverTouchesCognito_whenAnActiveAdminExists() {
        when(records.anyActiveAdmin()).thenReturn(true);

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ADMIN_EXISTS);

        verifyNoInteractions(cognito, provisioning);
        verify(records, never()).createActiveAdminRecords(anyString(), anyString(), anyString());
    }

    @Test
    void bootstrap_adoptsAConfirmedGroupMember_asAnActiveAdmin() {
        CognitoUser user = cognitoUser("7c1e-uuid", CognitoUserStatus.CONFIRMED, true);
        when(cognito.findUser(EMAIL)).thenReturn(Optional.of(user));
        when(cognito.isInAdminGroup("7c1e-uuid")).thenReturn(true);

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ADOPTED_ACTIVE);

        verify(records).createActiveAdminRecords(EMAIL, "7c1e-uuid", "sub-7c1e-uuid");
        verify(audit).record(eq("bootstrap"), eq(Action.BOOTSTRAP_ADMIN), eq(EMAIL), eq(Outcome.SUCCEEDED), anyString());
        verifyNoInteractions(provisioning);
    }

    @Test
    void bootstrap_adoptsAGroupMemberStillInvited_asAnInvitedAdmin() {
        CognitoUser user = cognitoUser("7c1e-uuid", CognitoUserStatus.FORCE_CHANGE_PASSWORD, true);
        when(cognito.findUser(EMAIL)).thenReturn(Optional.of(user));
        when(cognito.isInAdminGroup("7c1e-uuid")).thenReturn(true);

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ADOPTED_INVITED);

        verify(records).createAdminDatabaseRecords(EMAIL, "7c1e-uuid", "sub-7c1e-uuid", null);
        verify(records, never()).createActiveAdminRecords(anyString(), anyString(), anyString());
        verifyNoInteractions(provisioning);
    }

    @Test
    void bootstrap_leavesAPoolUserOutsideTheAdminGroupAlone() {
        when(cognito.findUser(EMAIL)).thenReturn(Optional.of(cognitoUser("7c1e-uuid", CognitoUserStatus.CONFIRMED, true)));
        when(cognito.isInAdminGroup("7c1e-uuid")).thenReturn(false);

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.NOT_IN_ADMIN_GROUP);

        verify(records, never()).createActiveAdminRecords(anyString(), anyString(), anyString());
        verify(records, never()).createAdminDatabaseRecords(anyString(), anyString(), anyString(), any());
        verify(audit).record("bootstrap", Action.BOOTSTRAP_ADMIN, EMAIL, Outcome.REFUSED, "not in admin group");
        verifyNoInteractions(provisioning);
    }

    @Test
    void bootstrap_doesNotAdoptAUserDisabledInCognito() {
        CognitoUser user = cognitoUser("7c1e-uuid", CognitoUserStatus.CONFIRMED, false);
        when(cognito.findUser(EMAIL)).thenReturn(Optional.of(user));
        when(cognito.isInAdminGroup("7c1e-uuid")).thenReturn(true);

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.DISABLED_IN_COGNITO);

        verify(records, never()).createActiveAdminRecords(anyString(), anyString(), anyString());
    }

    @Test
    void bootstrap_provisionsThroughTheSaga_withNoCaller_whenThePoolHasNoSuchUser() {
        when(cognito.findUser(EMAIL)).thenReturn(Optional.empty());

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.PROVISIONED);

        verify(provisioning).provision(new ProvisionCommand(EmailAddress.of(EMAIL), Actor.service("bootstrap"), null));
    }

    @Test
    void bootstrap_normalizesTheConfiguredEmail() {
        bootstrap = bootstrapFor("  Root@Example.COM ");
        when(cognito.findUser(EMAIL)).thenReturn(Optional.empty());

        bootstrap.bootstrap();

        verify(cognito).findUser(EMAIL);
        verify(provisioning).provision(new ProvisionCommand(EmailAddress.of(EMAIL), Actor.service("bootstrap"), null));
    }

    @Test
    void bootstrap_createsNothing_whenTheBootstrapAdminIsRecordedButHasNotSignedInYet() {
        when(records.findByEmail(EMAIL)).thenReturn(Optional.of(account(AdminStatus.INVITED)));
        when(cognito.findUser("7c1e-uuid"))
                .thenReturn(Optional.of(cognitoUser("7c1e-uuid", CognitoUserStatus.FORCE_CHANGE_PASSWORD, true)));

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ALREADY_RECORDED);

        verify(records, never()).activate(anyString());
        verifyNoInteractions(provisioning);
    }

    @Test
    void bootstrap_activatesTheRecordedBootstrapAdmin_whenCognitoSaysItSetItsPassword() {
        when(records.findByEmail(EMAIL)).thenReturn(Optional.of(account(AdminStatus.INVITED)));
        when(cognito.findUser("7c1e-uuid"))
                .thenReturn(Optional.of(cognitoUser("7c1e-uuid", CognitoUserStatus.CONFIRMED, true)));

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ALREADY_RECORDED);

        verify(records).activate("7c1e-uuid");
    }

    @Test
    void bootstrap_logsAndCarriesOn_whenCognitoIsUnavailable() {
        when(cognito.findUser(EMAIL)).thenThrow(new CognitoUnavailableException("AdminGetUser failed", null));

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.FAILED);

        verify(audit).record("bootstrap", Action.BOOTSTRAP_ADMIN, EMAIL, Outcome.FAILED, "CognitoUnavailableException");
        verifyNoInteractions(provisioning);
    }

    @Test
    void bootstrap_acceptsThatAnotherInstanceRecordedTheAdminFirst() {
        CognitoUser user = cognitoUser("7c1e-uuid", CognitoUserStatus.CONFIRMED, true);
        when(cognito.findUser(EMAIL)).thenReturn(Optional.of(user));
        when(cognito.isInAdminGroup("7c1e-uuid")).thenReturn(true);
        when(records.createActiveAdminRecords(EMAIL, "7c1e-uuid", "sub-7c1e-uuid"))
                .thenThrow(new AdminAlreadyExistsException(EMAIL));

        assertThat(bootstrap.bootstrap()).isEqualTo(Result.ALREADY_RECORDED);
    }

    private static CognitoUser cognitoUser(String username, CognitoUserStatus status, boolean enabled) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return new CognitoUser(username, "sub-" + username, EMAIL, status, enabled, at, at);
    }

    private static AdminAccount account(AdminStatus status) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return new AdminAccount(UUID.randomUUID(), EMAIL, "7c1e-uuid", "sub-7c1e-uuid", status, null, at, null, at, 1,
                null, false, at);
    }
}
