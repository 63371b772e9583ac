package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a forgotten-password request leads to, decided off the request thread, per kind of admin. */
class ForgottenPasswordServiceTests {

    private final CognitoGateway cognito = mock(CognitoGateway.class);
    private final AdminRecords records = mock(AdminRecords.class);
    private final InvitationResender invitations = mock(InvitationResender.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final List<Runnable> handedOver = new ArrayList<>();
    private ForgottenPasswordService service;

    @BeforeEach
    void service() {
        service = new ForgottenPasswordService(cognito, records, invitations, new PoolUsernames(records),
                new SignInAudit(audit), handedOver::add);
        when(records.findByEmail(anyString())).thenReturn(Optional.empty());
        when(records.findByCognitoUsername(anyString())).thenReturn(Optional.empty());
    }

    private static AdminAccount admin(String email, AdminStatus status) {
        return new AdminAccount(UUID.randomUUID(), email, "uuid-of-" + email, "sub", status, null, Instant.now(), null,
                Instant.now(), 1, null, false, Instant.now());
    }

    private void handle(String username) {
        service.requestReset(username);
        handedOver.forEach(Runnable::run);
        handedOver.clear();
    }

    @Test
    void requestReset_touchesNeitherTheDatabaseNorCognito_onTheRequestThread() {
        service.requestReset("ann@example.com");
        service.requestReset("nobody@example.com");

        assertThat(handedOver).hasSize(2);
        verifyNoInteractions(records, cognito, invitations, audit);
    }

    @Test
    void anActiveAdmin_getsCognitosResetCode() {
        when(records.findByEmail("ann@example.com")).thenReturn(Optional.of(admin("ann@example.com", AdminStatus.ACTIVE)));

        handle("Ann@Example.com ");

        verify(cognito).forgotPassword("uuid-of-ann@example.com");
        verify(audit).record("anonymous", Action.PASSWORD_RESET_REQUEST, "ann@example.com", Outcome.SUCCEEDED,
                "reset code sent");
    }

    @Test
    void anInvitedAdmin_getsAFreshInvitation_throughTheResender() {
        when(records.findByEmail("ann@example.com")).thenReturn(Optional.of(admin("ann@example.com", AdminStatus.INVITED)));
        when(invitations.resendInvitation("ann@example.com")).thenReturn(true);

        handle("ann@example.com");

        verify(cognito, never()).forgotPassword(any());
        verify(audit).record("anonymous", Action.PASSWORD_RESET_REQUEST, "ann@example.com", Outcome.SUCCEEDED,
                "invitation resent instead");
    }

    @Test
    void anInvitedAdminWhoseResendIsRefused_getsNothing_unlessItAlreadyChoseAPassword() {
        when(records.findByEmail(anyString())).thenAnswer(call -> Optional.of(admin(call.getArgument(0),
                AdminStatus.INVITED)));
        when(cognito.findUser("uuid-of-limited@example.com")).thenReturn(Optional.of(user(
                CognitoUserStatus.FORCE_CHANGE_PASSWORD)));
        when(cognito.findUser("uuid-of-half@example.com")).thenReturn(Optional.of(user(CognitoUserStatus.CONFIRMED)));

        handle("limited@example.com");
        handle("half@example.com");

        verify(cognito, never()).forgotPassword("uuid-of-limited@example.com");
        verify(cognito).forgotPassword("uuid-of-half@example.com");
    }

    @Test
    void aDisabledAdmin_andAnUnknownUser_getNothing_andTheRequestIsAuditedAsRefused() {
        when(records.findByEmail("off@example.com")).thenReturn(Optional.of(admin("off@example.com", AdminStatus.DISABLED)));

        handle("off@example.com");
        handle("nobody@example.com");
        handle("not an email");

        verifyNoInteractions(cognito, invitations);
        verify(audit).record("anonymous", Action.PASSWORD_RESET_REQUEST, "off@example.com", Outcome.REFUSED,
                "admin is DISABLED: nothing sent");
        verify(audit).record("anonymous", Action.PASSWORD_RESET_REQUEST, "nobody@example.com", Outcome.REFUSED,
                "no such admin: nothing sent");
    }

    @Test
    void aCognitoFailure_isAuditedAndLogged_neverThrownAtTheCaller() {
        when(records.findByEmail("ann@example.com")).thenReturn(Optional.of(admin("ann@example.com", AdminStatus.ACTIVE)));
        doThrow(new CognitoUnavailableException("ForgotPassword failed: 500", null)).when(cognito).forgotPassword(any());

        handle("ann@example.com");

        verify(audit).record(eq("anonymous"), eq(Action.PASSWORD_RESET_REQUEST), eq("ann@example.com"),
                eq(Outcome.FAILED), eq("CognitoUnavailableException"));
    }

    private static CognitoUser user(CognitoUserStatus status) {
        return new CognitoUser("u", "s", "e@example.com", status, true, Instant.now(), Instant.now());
    }
}
