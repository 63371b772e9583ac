package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminNotFoundException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.cognito.AdminAlreadyExistsInCognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.InviteNotDeliveredException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/** The saga's branches (DESIGN §4) with a mocked Cognito port, records, journal and audit trail. */
class AdminProvisioningServiceTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String NEW_EMAIL = "new.admin@example.com";
    private static final AdminPrincipal CALLER = new AdminPrincipal(UUID.randomUUID(), "caller-username",
            "admin@example.com");
    private static final CognitoUser CREATED = new CognitoUser("0b6c1a52-6a1f-4b7e-9d0c-3f1e2a4b5c6d",
            "5f0e9a3c-2b1d-4c8e-a7f6-1d2c3b4a5e6f", NEW_EMAIL, CognitoUserStatus.FORCE_CHANGE_PASSWORD, true, NOW, NOW);

    private final CognitoGateway cognito = mock(CognitoGateway.class);
    private final AdminRecords records = mock(AdminRecords.class);
    private final ProvisioningJournal journal = mock(ProvisioningJournal.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProvisioningProperties properties = TestProperties.defaults("provisioning",
            ProvisioningProperties.class);
    private final AdminProvisioningService service = new AdminProvisioningService(cognito, records, journal, audit,
            new TemporaryPasswordGenerator(16), TransactionOperations.withoutTransaction(), json, properties,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private ProvisioningRequest request;

    @BeforeEach
    void signInAsAdminAndJournal() {
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken(CALLER, null, "ROLE_ADMIN"));
        request = new ProvisioningRequest(NEW_EMAIL, CALLER.userId(), null,
                AdminProvisioningService.sha256(NEW_EMAIL), NOW);
        when(journal.start(any(), any(), any(), any())).thenReturn(request);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static AdminAccount invitedAccount(String email, String cognitoUsername) {
        return new AdminAccount(UUID.randomUUID(), email, cognitoUsername, CREATED.sub(), AdminStatus.INVITED,
                CALLER.email(), NOW, null, NOW, 1, NOW.plus(Duration.ofDays(7)), NOW);
    }

    private void cognitoCreatesTheUser() {
        when(cognito.createAdminUser(eq(NEW_EMAIL), anyString())).thenReturn(CREATED);
    }

    private void databaseWritesTheRecords() {
        when(records.createAdminDatabaseRecords(NEW_EMAIL, CREATED.username(), CREATED.sub(), CALLER.userId()))
                .thenReturn(invitedAccount(NEW_EMAIL, CREATED.username()));
    }

    /** Every argument of every call on the mocks, as text. */
    private String everythingWrittenOrLogged() {
        StringBuilder all = new StringBuilder();
        for (Object mock : new Object[] {journal, audit, records}) {
            mockingDetails(mock).getInvocations()
                    .forEach(invocation -> all.append(Arrays.toString(invocation.getArguments())).append('\n'));
        }
        return all.toString();
    }

    @Nested
    class ProvisionNewAdmin {

        @Test
        void provisionNewAdmin_createsCognitoUserThenRecords_andJournalsEachStep() {
            cognitoCreatesTheUser();
            databaseWritesTheRecords();

            AdminResponse response = service.provisionNewAdmin("  New.Admin@Example.COM ", null);

            assertThat(response.email()).isEqualTo(NEW_EMAIL);
            assertThat(response.cognitoUsername()).isEqualTo(CREATED.username());
            assertThat(response.status()).isEqualTo(AdminStatus.INVITED);
            assertThat(response.invitedBy()).isEqualTo(CALLER.email());
            InOrder order = inOrder(journal, cognito, records);
            order.verify(journal).start(new EmailAddress(NEW_EMAIL), CALLER.userId(), null,
                    AdminProvisioningService.sha256(NEW_EMAIL));
            order.verify(cognito).createAdminUser(eq(NEW_EMAIL), anyString());
            order.verify(journal).markCognitoCreated(request.getId(), CREATED.username());
            order.verify(cognito).addToAdminGroup(CREATED.username());
            order.verify(records).createAdminDatabaseRecords(NEW_EMAIL, CREATED.username(), CREATED.sub(),
                    CALLER.userId());
            order.verify(journal).markCompleted(eq(request.getId()), anyString());
            verify(cognito, never()).deleteUser(any());
            verify(audit).record(CALLER.email(), Action.PROVISION_ADMIN, NEW_EMAIL, Outcome.SUCCEEDED, null);
        }

        @Test
        void provisionNewAdmin_sendsAPolicyConformingTemporaryPassword_andNeverStoresOrAuditsIt() {
            cognitoCreatesTheUser();
            databaseWritesTheRecords();

            service.provisionNewAdmin(NEW_EMAIL, "key-1");

            ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
            verify(cognito).createAdminUser(eq(NEW_EMAIL), password.capture());
            assertThat(password.getValue()).hasSize(16);
            assertThat(PasswordPolicy.cognitoDefault().violation(password.getValue())).isEmpty();
            assertThat(everythingWrittenOrLogged()).isNotBlank().doesNotContain(password.getValue());
        }

        @Test
        void provisionNewAdmin_journalsTheResponseBodyForReplays() {
            cognitoCreatesTheUser();
            databaseWritesTheRecords();

            AdminResponse response = service.provisionNewAdmin(NEW_EMAIL, "key-1");

            ArgumentCaptor<String> body = ArgumentCaptor.forClass(String.class);
            verify(journal).markCompleted(eq(request.getId()), body.capture());
            assertThat(json.readValue(body.getValue(), AdminResponse.class)).isEqualTo(response);
        }

        @Test
        void provisionNewAdmin_refusesAnInvalidEmail_beforeWritingOrCallingAnything() {
            assertThatThrownBy(() -> service.provisionNewAdmin("not-an-email", null))
                    .isInstanceOf(InvalidEmailException.class);
            assertThatThrownBy(() -> service.provisionNewAdmin("   ", null)).isInstanceOf(InvalidEmailException.class);

            verifyNoInteractions(journal, cognito, records);
        }

        @Test
        void provisionNewAdmin_isDenied_whenNoAdminIsSignedIn() {
            SecurityContextHolder.clearContext();

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(AccessDeniedException.class);
            verifyNoInteractions(journal, cognito, records);
        }

        @Test
        void provisionNewAdmin_refusesWith409BeforeCognito_whenTheDatabaseAlreadyHasTheAdmin() {
            when(journal.start(any(), any(), any(), any())).thenThrow(new AdminAlreadyExistsException(NEW_EMAIL));

            assertThatThrownBy(() -> service.provisionNewAdmin("NEW.ADMIN@example.com", null))
                    .isInstanceOf(AdminAlreadyExistsException.class);

            verifyNoInteractions(cognito, records);
            verify(audit).record(CALLER.email(), Action.PROVISION_ADMIN, NEW_EMAIL, Outcome.REFUSED, "admin exists");
        }

        @Test
        void provisionNewAdmin_refusesWith409BeforeCognito_whenATwinRequestIsInFlight() {
            when(journal.start(any(), any(), any(), any()))
                    .thenThrow(new DataIntegrityViolationException("uk_provisioning_requests_active_email"));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(AdminAlreadyExistsException.class);

            verifyNoInteractions(cognito, records);
        }

        @Test
        void provisionNewAdmin_answersInProgress_whenATwinWithTheSameKeyIsInFlight() {
            when(journal.findByIdempotencyKey("key-1")).thenReturn(Optional.empty(), Optional.of(request));
            when(journal.start(any(), any(), any(), any()))
                    .thenThrow(new DataIntegrityViolationException("uk_provisioning_requests_idempotency_key"));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, "key-1"))
                    .isInstanceOf(ProvisioningInProgressException.class);

            verifyNoInteractions(cognito);
        }

        @Test
        void provisionNewAdmin_failsWith409AndJournalsFailed_whenCognitoAlreadyHasTheUser() {
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString()))
                    .thenThrow(new AdminAlreadyExistsInCognitoException("UsernameExistsException", null));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(AdminAlreadyExistsException.class);

            verify(journal).markFailed(request.getId(), FailureReason.ADMIN_EXISTS.code(), "UsernameExistsException");
            verify(journal, never()).markCognitoCreated(any(), any());
            verify(cognito, never()).deleteUser(any());
            verifyNoInteractions(records);
        }

        @Test
        void provisionNewAdmin_failsWith400AndJournalsFailed_whenCognitoRefusesTheInvitation() {
            InvalidInviteException refused = new InvalidInviteException("InvalidParameterException", null);
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString())).thenThrow(refused);

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null)).isSameAs(refused);

            verify(journal).markFailed(request.getId(), FailureReason.INVALID_INVITE.code(), "InvalidParameterException");
            verify(cognito, never()).deleteUser(any());
            verifyNoInteractions(records);
        }

        @Test
        void provisionNewAdmin_failsWith503AndLeavesTheRequestToTheReconciler_whenCognitoIsDownAndTheUserIsNotThereYet() {
            // A create that timed out may still land after the look-up: only the reconciler, once
            // the request is stale, may decide that it never happened.
            CognitoUnavailableException down = new CognitoUnavailableException("AdminCreateUser timed out", null);
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString())).thenThrow(down);
            when(cognito.findUser(NEW_EMAIL)).thenReturn(Optional.empty());

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null)).isSameAs(down);

            verify(journal).recordError(request.getId(), "AdminCreateUser timed out");
            verify(journal, never()).markFailed(any(), any(), any());
            verify(journal, never()).markCognitoCreated(any(), any());
            verifyNoInteractions(records);
        }

        @Test
        void provisionNewAdmin_carriesOn_whenCognitoTimedOutButHadCreatedTheUser() {
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString()))
                    .thenThrow(new CognitoUnavailableException("AdminCreateUser timed out", null));
            when(cognito.findUser(NEW_EMAIL)).thenReturn(Optional.of(CREATED));
            databaseWritesTheRecords();

            AdminResponse response = service.provisionNewAdmin(NEW_EMAIL, null);

            assertThat(response.cognitoUsername()).isEqualTo(CREATED.username());
            verify(journal).markCognitoCreated(request.getId(), CREATED.username());
            verify(cognito).addToAdminGroup(CREATED.username());
            verify(journal).markCompleted(eq(request.getId()), anyString());
            verify(journal, never()).markFailed(any(), any(), any());
        }

        @Test
        void provisionNewAdmin_leavesTheRequestStartedForTheReconciler_whenTheLookUpFailsToo() {
            CognitoUnavailableException down = new CognitoUnavailableException("AdminCreateUser timed out", null);
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString())).thenThrow(down);
            when(cognito.findUser(NEW_EMAIL)).thenThrow(new CognitoUnavailableException("AdminGetUser 500", null));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null)).isSameAs(down);

            verify(journal).recordError(request.getId(), "AdminCreateUser timed out");
            verify(journal, never()).markFailed(any(), any(), any());
            verify(journal, never()).markCognitoCreated(any(), any());
            verify(cognito, never()).deleteUser(any());
            verifyNoInteractions(records);
            verify(audit).record(eq(CALLER.email()), eq(Action.PROVISION_ADMIN), eq(NEW_EMAIL), eq(Outcome.FAILED),
                    anyString());
        }

        @Test
        void provisionNewAdmin_deletesTheCognitoUserAndRollsBack_whenAddingToTheGroupFails() {
            cognitoCreatesTheUser();
            doThrow(new CognitoUnavailableException("AdminAddUserToGroup 500", null)).when(cognito)
                    .addToAdminGroup(CREATED.username());

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(ProvisioningRolledBackException.class);

            InOrder order = inOrder(journal, cognito);
            order.verify(journal).markCompensating(eq(request.getId()), anyString());
            order.verify(cognito).deleteUser(CREATED.username());
            order.verify(journal).markRolledBack(request.getId(), FailureReason.ROLLED_BACK.code());
            verifyNoInteractions(records);
        }

        @Test
        void provisionNewAdmin_deletesTheUserCognitoKept_whenTheInvitationCouldNotBeDelivered() {
            // CodeDeliveryFailureException: Cognito keeps the user although no email went out.
            when(cognito.createAdminUser(eq(NEW_EMAIL), anyString())).thenThrow(
                    new InviteNotDeliveredException("Cognito created the user but could not deliver the invitation", null));
            when(cognito.findUser(NEW_EMAIL)).thenReturn(Optional.of(CREATED));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(InvalidInviteException.class)
                    .hasMessageContaining("nothing was created");

            InOrder order = inOrder(journal, cognito);
            order.verify(journal).markCompensating(eq(request.getId()), anyString());
            order.verify(cognito).deleteUser(CREATED.username());
            order.verify(journal).markRolledBack(request.getId(), FailureReason.INVALID_INVITE.code());
            verify(cognito, never()).addToAdminGroup(any());
            verify(records, never()).createAdminDatabaseRecords(any(), any(), any(), any());
        }

        @Test
        void provisionNewAdmin_rollsBackCognitoUser_whenDatabaseWriteFails() {
            cognitoCreatesTheUser();
            when(records.createAdminDatabaseRecords(any(), any(), any(), any()))
                    .thenThrow(new DataAccessResourceFailureException("connection refused"));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(ProvisioningRolledBackException.class)
                    .hasMessageContaining("nothing was created");

            InOrder order = inOrder(journal, cognito, audit);
            order.verify(journal).markCompensating(eq(request.getId()), anyString());
            order.verify(cognito).deleteUser(CREATED.username());
            order.verify(journal).markRolledBack(request.getId(), FailureReason.ROLLED_BACK.code());
            order.verify(audit).record(eq(CALLER.email()), eq(Action.COMPENSATE), eq(NEW_EMAIL),
                    eq(Outcome.ROLLED_BACK), anyString());
            verify(journal, never()).markCompleted(any(), any());
        }

        @Test
        void provisionNewAdmin_rollsBackCognitoUser_whenMarkingTheJournalCompletedFails() {
            cognitoCreatesTheUser();
            databaseWritesTheRecords();
            doThrow(new DataAccessResourceFailureException("lost connection")).when(journal)
                    .markCompleted(any(), any());

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(ProvisioningRolledBackException.class);

            verify(cognito).deleteUser(CREATED.username());
            verify(journal).markRolledBack(request.getId(), FailureReason.ROLLED_BACK.code());
        }

        @Test
        void provisionNewAdmin_rollsBackAndAnswers409_whenAConcurrentWriterSavedTheSameEmailFirst() {
            cognitoCreatesTheUser();
            when(records.createAdminDatabaseRecords(any(), any(), any(), any()))
                    .thenThrow(new AdminAlreadyExistsException(NEW_EMAIL));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(AdminAlreadyExistsException.class);

            verify(cognito).deleteUser(CREATED.username());
            verify(journal).markRolledBack(request.getId(), FailureReason.ADMIN_EXISTS.code());
        }

        @Test
        void provisionNewAdmin_leavesTheRequestCompensatingAndAnswers503_whenTheDeleteFailsToo() {
            cognitoCreatesTheUser();
            when(records.createAdminDatabaseRecords(any(), any(), any(), any()))
                    .thenThrow(new DataAccessResourceFailureException("connection refused"));
            doThrow(new CognitoUnavailableException("AdminDeleteUser timed out", null)).when(cognito)
                    .deleteUser(CREATED.username());

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(CognitoUnavailableException.class)
                    .isNotInstanceOf(ProvisioningRolledBackException.class);

            verify(journal).markCompensating(eq(request.getId()), anyString());
            verify(journal).recordError(request.getId(), "AdminDeleteUser timed out");
            verify(journal, never()).markRolledBack(any(), any());
            verify(audit).record(CALLER.email(), Action.COMPENSATE, NEW_EMAIL, Outcome.FAILED,
                    "AdminDeleteUser timed out");
        }

        @Test
        void provisionNewAdmin_leavesTheCognitoUserToTheReconciler_whenTheCompensationCannotBeJournaled() {
            // Deleting unjournaled would race a reconciler that rolls the request forward meanwhile.
            cognitoCreatesTheUser();
            when(records.createAdminDatabaseRecords(any(), any(), any(), any()))
                    .thenThrow(new DataAccessResourceFailureException("database down"));
            doThrow(new DataAccessResourceFailureException("database down")).when(journal)
                    .markCompensating(any(), any());
            doThrow(new DataAccessResourceFailureException("database down")).when(audit)
                    .record(any(), any(), any(), any(), any());

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, null))
                    .isInstanceOf(ProvisioningInterruptedException.class)
                    .hasMessageContaining("GET /admins");

            verify(cognito, never()).deleteUser(any());
            verify(journal, never()).markRolledBack(any(), any());
        }
    }

    @Nested
    class IdempotentReplay {

        private ProvisioningRequest previous(String email, String key) {
            return new ProvisioningRequest(email, CALLER.userId(), key, AdminProvisioningService.sha256(email), NOW);
        }

        @Test
        void provisionNewAdmin_replaysTheFirstAnswerWithoutCallingCognito_whenTheKeyComesBackWithTheSameEmail() {
            AdminResponse first = AdminResponse.of(invitedAccount(NEW_EMAIL, CREATED.username()));
            ProvisioningRequest completed = previous(NEW_EMAIL, "key-1");
            completed.completed(json.writeValueAsString(first), NOW);
            when(journal.findByIdempotencyKey("key-1")).thenReturn(Optional.of(completed));

            AdminResponse replayed = service.provisionNewAdmin("New.Admin@example.com", "key-1");

            assertThat(replayed).isEqualTo(first);
            verifyNoInteractions(cognito, records);
            verify(journal, never()).start(any(), any(), any(), any());
        }

        @Test
        void provisionNewAdmin_refusesWith422_whenTheKeyWasUsedForAnotherEmail() {
            when(journal.findByIdempotencyKey("key-1"))
                    .thenReturn(Optional.of(previous("someone.else@example.com", "key-1")));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, "key-1"))
                    .isInstanceOf(IdempotencyKeyReusedException.class);

            verifyNoInteractions(cognito, records);
        }

        @Test
        void provisionNewAdmin_replaysTheFirstProblem_whenTheKeysRequestFailed() {
            ProvisioningRequest failed = previous(NEW_EMAIL, "key-1");
            failed.failed(FailureReason.ADMIN_EXISTS.code(), "UsernameExistsException", NOW);
            when(journal.findByIdempotencyKey("key-1")).thenReturn(Optional.of(failed));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, "key-1"))
                    .isInstanceOfSatisfying(PreviousAttemptFailedException.class,
                            e -> assertThat(e.getReason()).isEqualTo(FailureReason.ADMIN_EXISTS));
            verifyNoInteractions(cognito);
        }

        @Test
        void provisionNewAdmin_replaysRolledBack_whenTheKeysRequestWasRolledBack() {
            ProvisioningRequest rolledBack = previous(NEW_EMAIL, "key-1");
            rolledBack.rolledBack(FailureReason.ROLLED_BACK.code(), NOW);
            when(journal.findByIdempotencyKey("key-1")).thenReturn(Optional.of(rolledBack));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, "key-1"))
                    .isInstanceOfSatisfying(PreviousAttemptFailedException.class,
                            e -> assertThat(e.getReason()).isEqualTo(FailureReason.ROLLED_BACK))
                    .hasMessageContaining("nothing was created");
        }

        @Test
        void provisionNewAdmin_answersInProgress_whenTheKeysRequestIsUnfinished() {
            when(journal.findByIdempotencyKey("key-1")).thenReturn(Optional.of(previous(NEW_EMAIL, "key-1")));

            assertThatThrownBy(() -> service.provisionNewAdmin(NEW_EMAIL, "key-1"))
                    .isInstanceOf(ProvisioningInProgressException.class);
            verifyNoInteractions(cognito);
        }

        @Test
        void provisionNewAdmin_startsANewRequestWithTheKey_whenTheKeyIsNew() {
            when(journal.findByIdempotencyKey("key-2")).thenReturn(Optional.empty());
            cognitoCreatesTheUser();
            databaseWritesTheRecords();

            service.provisionNewAdmin(NEW_EMAIL, "key-2");

            verify(journal).start(new EmailAddress(NEW_EMAIL), CALLER.userId(), "key-2",
                    AdminProvisioningService.sha256(NEW_EMAIL));
        }
    }

    @Nested
    class ResendAdminInvite {

        private final AdminAccount invited = invitedAccount(NEW_EMAIL, CREATED.username());

        @BeforeEach
        void anInvitedAdmin() {
            when(records.findByEmail(NEW_EMAIL)).thenReturn(Optional.of(invited));
        }

        @Test
        void resendAdminInvite_resendsWithAFreshPasswordAndCountsIt() {
            when(cognito.resendInvite(eq(CREATED.username()), anyString())).thenReturn(CREATED);

            InviteResent resent = service.resendAdminInvite(" NEW.Admin@example.com");

            assertThat(resent).isEqualTo(new InviteResent(NEW_EMAIL, CognitoUserStatus.FORCE_CHANGE_PASSWORD, NOW));
            ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
            verify(cognito).resendInvite(eq(CREATED.username()), password.capture());
            assertThat(PasswordPolicy.cognitoDefault().violation(password.getValue())).isEmpty();
            verify(records).recordInviteResent(invited.id());
            verify(audit).record(CALLER.email(), Action.RESEND_INVITE, NEW_EMAIL, Outcome.SUCCEEDED, null);
            assertThat(everythingWrittenOrLogged()).doesNotContain(password.getValue());
        }

        @Test
        void resendAdminInvite_answers404_whenNoAdminHasTheEmail() {
            assertThatThrownBy(() -> service.resendAdminInvite("nobody@example.com"))
                    .isInstanceOf(AdminNotFoundException.class);
            verifyNoInteractions(cognito);
        }

        @Test
        void resendAdminInvite_answers409_whenTheAdminIsAlreadyActive() {
            AdminAccount active = new AdminAccount(invited.id(), NEW_EMAIL, CREATED.username(), CREATED.sub(),
                    AdminStatus.ACTIVE, CALLER.email(), NOW, NOW, NOW, 1, null, NOW);
            when(records.findByEmail(NEW_EMAIL)).thenReturn(Optional.of(active));

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL))
                    .isInstanceOf(AdminAlreadyActiveException.class);
            verifyNoInteractions(cognito);
        }

        @Test
        void resendAdminInvite_answers429WithoutCallingCognito_whenTheHourlyLimitIsReached() {
            when(audit.count(NEW_EMAIL, Action.RESEND_INVITE, Outcome.SUCCEEDED, Duration.ofHours(1)))
                    .thenReturn((long) properties.maxResendsPerHour());

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL))
                    .isInstanceOf(TooManyInvitesException.class);

            verifyNoInteractions(cognito);
            verify(audit).record(CALLER.email(), Action.RESEND_INVITE, NEW_EMAIL, Outcome.REFUSED, "limit reached");
        }

        @Test
        void resendAdminInvite_stillResends_justBelowTheHourlyLimit() {
            when(audit.count(NEW_EMAIL, Action.RESEND_INVITE, Outcome.SUCCEEDED, Duration.ofHours(1)))
                    .thenReturn((long) properties.maxResendsPerHour() - 1);
            when(cognito.resendInvite(eq(CREATED.username()), anyString())).thenReturn(CREATED);

            assertThat(service.resendAdminInvite(NEW_EMAIL).cognitoStatus())
                    .isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
        }

        @Test
        void resendAdminInvite_answers404_whenTheCognitoUserIsGone() {
            when(cognito.resendInvite(eq(CREATED.username()), anyString()))
                    .thenThrow(new CognitoUserNotFoundException("UserNotFoundException", null));

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL)).isInstanceOf(AdminNotFoundException.class);
            verify(records, never()).recordInviteResent(any());
        }

        @Test
        void resendAdminInvite_answers409AndCatchesUpOurRecords_whenCognitoSaysTheUserIsConfirmed() {
            when(cognito.resendInvite(eq(CREATED.username()), anyString()))
                    .thenThrow(new InvalidInviteException("UnsupportedUserStateException", null));
            when(cognito.findUser(CREATED.username())).thenReturn(Optional.of(new CognitoUser(CREATED.username(),
                    CREATED.sub(), NEW_EMAIL, CognitoUserStatus.CONFIRMED, true, NOW, NOW)));

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL))
                    .isInstanceOf(AdminAlreadyActiveException.class);

            verify(records).activate(CREATED.username());
            verify(records, never()).recordInviteResent(any());
        }

        @Test
        void resendAdminInvite_passesCognitosRefusalOn_whenTheUserIsNotConfirmed() {
            InvalidInviteException refused = new InvalidInviteException("InvalidParameterException", null);
            when(cognito.resendInvite(eq(CREATED.username()), anyString())).thenThrow(refused);
            when(cognito.findUser(CREATED.username())).thenReturn(Optional.of(CREATED));

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL)).isSameAs(refused);
            verify(records, never()).activate(any());
        }

        @Test
        void resendAdminInvite_auditsAndPassesOnThrottling() {
            CognitoThrottledException throttled = new CognitoThrottledException("TooManyRequestsException", null);
            when(cognito.resendInvite(eq(CREATED.username()), anyString())).thenThrow(throttled);

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL)).isSameAs(throttled);

            verify(audit).record(CALLER.email(), Action.RESEND_INVITE, NEW_EMAIL, Outcome.FAILED, "throttled");
            verify(records, never()).recordInviteResent(any());
        }

        @Test
        void resendAdminInvite_isDenied_whenNoAdminIsSignedIn() {
            SecurityContextHolder.clearContext();

            assertThatThrownBy(() -> service.resendAdminInvite(NEW_EMAIL)).isInstanceOf(AccessDeniedException.class);
            verifyNoInteractions(cognito);
        }
    }

    @Test
    void sha256_isStableLowerCaseHex() {
        assertThat(AdminProvisioningService.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
