package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends an invited admin a fresh temporary password. The slot is taken in the journal first, under
 * the admin's row lock, so that no number of parallel resends exceeds the limit; then Cognito's
 * RESEND; then the admin's invitation counters.
 */
@Service
public class ResendInvite implements OperationPlan {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final Journal journal;
    private final Idempotency idempotency;
    private final ClaimEndings endings;
    private final AuditTrail audit;
    private final TemporaryPasswordGenerator passwords;
    private final TransactionOperations transactions;
    private final ProvisioningProperties properties;
    private final Clock clock;
    private final EngineMetrics metrics;

    ResendInvite(CognitoGateway cognito, AdminRecords records, Journal journal, Idempotency idempotency,
            ClaimEndings endings, AuditTrail audit, TemporaryPasswordGenerator passwords,
            TransactionOperations transactions, ProvisioningProperties properties, Clock clock, EngineMetrics metrics) {
        this.metrics = metrics;
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.idempotency = idempotency;
        this.endings = endings;
        this.audit = audit;
        this.passwords = passwords;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Emails the invitation again with a new temporary password ({@code AdminCreateUser} with
     * {@code MessageAction=RESEND}), which also restarts its validity (7 days by default). For an
     * admin who lost the email or whose temporary password expired. Counts against Cognito's
     * UserCreation quota, so it is limited per admin ({@code provisioning.max-resends-per-hour});
     * the slot is reserved atomically before Cognito is called.
     *
     * <p>Called by {@code POST /admins/resend-invite}; only an authenticated admin may call it.
     *
     * @param email {@code String}, the invited admin's email in any letter case
     * @return on success an {@link InviteResent}: the email, the Cognito status
     *         ({@code FORCE_CHANGE_PASSWORD}) and when it was resent
     * @throws InvalidEmailException       the email is missing or malformed
     * @throws OperationFailedException    {@code ADMIN_NOT_FOUND}: no live admin has this email, or its
     *                                     Cognito user is gone; {@code ALREADY_ACTIVE}: the admin
     *                                     already set a permanent password; {@code ADMIN_DISABLED};
     *                                     {@code TOO_MANY_INVITES}: the hour's resends are used up
     * @throws InvalidInviteException      Cognito refused the new temporary password
     * @throws CognitoUnavailableException Cognito could not be reached; whether the email went out is
     *                                     settled by the reconciler. Its subclasses
     *                                     {@code CognitoThrottledException} and
     *                                     {@code EmailQuotaExceededException}: Cognito refused the call
     *                                     for a quota, nothing was sent and the request is over
     * @throws org.springframework.security.access.AccessDeniedException the caller is no active admin
     */
    @PreAuthorize("hasRole('ADMIN')")
    public InviteResent resendAdminInvite(String email) {
        return resend(EmailAddress.of(email), Actor.of(CurrentAdmin.require()));
    }

    /** {@link #resendAdminInvite} for an authorized caller (an admin, or a forgotten-password request). */
    public InviteResent resend(EmailAddress email, Actor actor) {
        return metrics.operation(Operation.RESEND, () -> resendTimed(email, actor));
    }

    private InviteResent resendTimed(EmailAddress email, Actor actor) {
        JournalEntry entry;
        try {
            entry = metrics.step(Operation.RESEND, "journal",
                    () -> transactions.execute(tx -> reserveSlot(email, actor)));
        } catch (OperationFailedException refused) {
            audit.record(actor.name(), Action.RESEND_INVITE, email.value(), Outcome.REFUSED, refused.reason().code());
            throw refused;
        }
        CognitoUser user;
        try {
            user = metrics.step(Operation.RESEND, "cognito",
                    () -> cognito.resendInvite(entry.getCognitoUsername(), passwords.generate()));
        } catch (CognitoUserNotFoundException gone) {
            throw failed(entry, actor, FailureReason.ADMIN_NOT_FOUND, gone, new OperationFailedException(
                    FailureReason.ADMIN_NOT_FOUND, "No admin with email " + email
                            + " in Cognito (see GET /admins/reconciliation)"));
        } catch (InvalidInviteException refused) {
            if (alreadyActiveInCognito(entry)) {
                throw failed(entry, actor, FailureReason.ALREADY_ACTIVE, refused, new OperationFailedException(
                        FailureReason.ALREADY_ACTIVE, "Admin " + email
                                + " already set a permanent password: there is no pending invitation to resend"));
            }
            throw failed(entry, actor, FailureReason.INVALID_INVITE, refused, refused);
        } catch (CognitoUnavailableException unknown) {
            if (unknown.refusedBeforeActing()) {
                throw failed(entry, actor, FailureReason.COGNITO_UNAVAILABLE, unknown, unknown);
            }
            // The RESEND may have gone out; the reconciler tells by the user's modification time.
            Compensation.bestEffort(() -> journal.handOver(entry.getId(), unknown.getMessage()));
            audit.record(actor.name(), Action.RESEND_INVITE, email.value(), Outcome.FAILED, "Cognito unreachable");
            throw unknown;
        }
        try {
            journal.cognitoDone(entry.getId(), user.username());
            transactions.executeWithoutResult(tx -> recordResent(entry.getId(), entry.getAdminId(), null));
        } catch (RuntimeException e) {
            // The email went out; the reconciler catches the counters up.
            Compensation.bestEffort(() -> journal.handOver(entry.getId(), e.toString()));
        }
        audit.record(actor.name(), Action.RESEND_INVITE, email.value(), Outcome.SUCCEEDED, null);
        return new InviteResent(email.value(), user.status(), clock.instant());
    }

    /** Under the admin's row lock: the admin waits for an invitation, and a slot of the window is free. */
    private JournalEntry reserveSlot(EmailAddress email, Actor actor) {
        AdminAccount admin = records.findByEmail(email.value()).flatMap(found -> records.lockForChange(found.id()))
                .orElseThrow(() -> new OperationFailedException(FailureReason.ADMIN_NOT_FOUND,
                        "No admin with email " + email));
        if (admin.status() == AdminStatus.ACTIVE) {
            throw new OperationFailedException(FailureReason.ALREADY_ACTIVE, "Admin " + email
                    + " already set a permanent password: there is no pending invitation to resend");
        }
        if (admin.status() != AdminStatus.INVITED) {
            throw new OperationFailedException(FailureReason.ADMIN_DISABLED, "Admin " + email + " is " + admin.status()
                    + ": enable it before resending its invitation");
        }
        if (journal.resendsSince(email.value(), clock.instant().minus(WINDOW)) >= properties.maxResendsPerHour()) {
            throw new OperationFailedException(FailureReason.TOO_MANY_INVITES, "The invitation to " + email + " was resent "
                    + properties.maxResendsPerHour() + " times within the last hour; try again later");
        }
        return journal.begin(Operation.RESEND, new JournalEntry.Subject(email.value(), admin.id(),
                admin.cognitoUsername()), new JournalEntry.Request(actor.adminId(), null,
                        Idempotency.hash(Operation.RESEND, email.value())), false);
    }

    /** Cognito refused the resend because the user already set a password: catch our records up. */
    private boolean alreadyActiveInCognito(JournalEntry entry) {
        Optional<CognitoUser> user = cognito.findUser(entry.getCognitoUsername());
        if (user.isPresent() && user.get().status() == CognitoUserStatus.CONFIRMED) {
            records.activate(entry.getCognitoUsername());
            return true;
        }
        return false;
    }

    /** Releases the slot ({@code FAILED} takes none) and answers with {@code failure}. */
    private RuntimeException failed(JournalEntry entry, Actor actor, FailureReason reason, CognitoException cause,
            RuntimeException failure) {
        Compensation.bestEffort(() -> journal.fail(entry.getId(), reason, cause.getMessage()));
        audit.record(actor.name(), Action.RESEND_INVITE, entry.getEmail(), Outcome.FAILED, reason.code());
        return failure;
    }

    /** The counters and the end, in one transaction (the caller's, or a claimed entry's). */
    private void recordResent(UUID entryId, UUID adminId, Journal.Claim claim) {
        AdminResponse admin = AdminResponse.of(records.recordInviteResent(adminId));
        if (claim == null) {
            journal.lockInState(entryId, OperationState.COGNITO_DONE);
            journal.complete(entryId, idempotency.bodyOf(admin), adminId);
        } else {
            journal.lockClaimed(claim);
            journal.completeClaimed(claim, idempotency.bodyOf(admin), adminId);
        }
    }

    @Override
    public Operation operation() {
        return Operation.RESEND;
    }

    /**
     * A resend whose answer was lost went out when the user was modified after it was journaled;
     * otherwise it did not, and its slot is released. A late RESEND landing after that only sends one
     * more email, so there is no second look.
     */
    @Override
    public ReconciliationRun.Result finish(Journal.Claim claim, String actor) {
        if (claim.state() == OperationState.COGNITO_DONE) {
            transactions.executeWithoutResult(tx -> recordResent(claim.id(), claim.adminId(), claim));
            return endings.completedAudited(claim, actor);
        }
        if (claim.state() != OperationState.STARTED) {
            return ReconciliationRun.Result.SKIPPED;
        }
        Optional<CognitoUser> user = cognito.findUser(claim.cognitoUsername());
        if (user.isEmpty()) {
            return endings.failed(claim, FailureReason.ADMIN_NOT_FOUND, "the Cognito user is gone", actor);
        }
        Instant modified = user.get().modifiedAt();
        if (user.get().status() != CognitoUserStatus.FORCE_CHANGE_PASSWORD || modified == null
                || modified.isBefore(claim.createdAt().minus(Ownership.CLOCK_SKEW))) {
            return endings.failed(claim, FailureReason.COGNITO_UNAVAILABLE, "the invitation was not resent", actor);
        }
        transactions.executeWithoutResult(tx -> recordResent(claim.id(), claim.adminId(), claim));
        return endings.completedAudited(claim, actor);
    }
}
