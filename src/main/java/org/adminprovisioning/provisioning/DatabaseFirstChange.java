package org.adminprovisioning.provisioning;

import java.util.List;
import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The shape of the changes that take access away (disable, offboard): our database first, in the
 * transaction that journals the operation, so the admin's token is refused from the next request on
 * whatever Cognito does; then Cognito's part, which the reconciler repeats until it is done. Nothing
 * is ever rolled back: a crash can only leave less access than was asked for, never more.
 */
@Component
class DatabaseFirstChange {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFirstChange.class);

    /** What one such change does in each system. */
    interface Steps {

        Operation operation();

        AuditTrail.Action auditAction();

        /** The admin is in the asked-for state already. */
        boolean alreadyDone(AdminAccount admin);

        /** Our part, in the caller's transaction, on the locked admin. */
        AdminAccount applyInDatabase(AdminRecords records, AdminAccount admin);

        /** Cognito's part; idempotent. */
        void applyInCognito(String username);
    }

    private final AdminRecords records;
    private final Journal journal;
    private final Idempotency idempotency;
    private final AuditTrail audit;
    private final TransactionOperations transactions;
    private final EngineMetrics metrics;
    private final LateWrites lateWrites;

    DatabaseFirstChange(AdminRecords records, Journal journal, Idempotency idempotency, AuditTrail audit,
            TransactionOperations transactions, EngineMetrics metrics, LateWrites lateWrites) {
        this.lateWrites = lateWrites;
        this.records = records;
        this.journal = journal;
        this.idempotency = idempotency;
        this.audit = audit;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * @return {@link OperationOutcome.Done} when both systems hold the change,
     *         {@link OperationOutcome.Pending} when ours does and Cognito's is left to the
     *         reconciler, {@link OperationOutcome.Unchanged} when there was nothing to change
     * @throws OperationFailedException {@code ADMIN_NOT_FOUND}, {@code CANNOT_CHANGE_SELF},
     *                                  {@code LAST_ACTIVE_ADMIN}, {@code OPERATION_IN_PROGRESS}, or a
     *                                  replayed key's failure
     */
    OperationOutcome run(Steps steps, AdminChange change) {
        return metrics.operation(steps.operation(), () -> runTimed(steps, change));
    }

    private OperationOutcome runTimed(Steps steps, AdminChange change) {
        String hash = Idempotency.hash(steps.operation(), change.adminId().toString());
        Optional<JournalEntry> previous = idempotency.previous(change.actor(), change.idempotencyKey());
        if (previous.isPresent()) {
            return idempotency.replay(previous.get(), hash);
        }
        JournalEntry.Request request = new JournalEntry.Request(change.actor().adminId(), change.idempotencyKey(), hash);
        Started started;
        try {
            started = metrics.step(steps.operation(), "database",
                    () -> transactions.execute(tx -> startInDatabase(steps, change, request)));
        } catch (DataIntegrityViolationException busy) {
            Optional<JournalEntry> twin = idempotency.previous(change.actor(), change.idempotencyKey());
            if (twin.isPresent()) {
                return idempotency.replay(twin.get(), hash);
            }
            throw OperationFailedException.inProgress(change.adminId());
        } catch (OperationFailedException refused) {
            String target = records.findById(change.adminId()).map(AdminAccount::email)
                    .orElse(change.adminId().toString());
            audit.record(change.actor().name(), steps.auditAction(), target, Outcome.REFUSED, refused.reason().code());
            throw refused;
        }
        if (started.entry() == null) {
            return new OperationOutcome.Unchanged(started.admin());
        }
        return inCognito(steps, change.actor(), started.entry(), started.admin());
    }

    /** Locks the roster and the admin, checks the guards, changes our side and journals it, in one transaction. */
    private Started startInDatabase(Steps steps, AdminChange change, JournalEntry.Request request) {
        records.lockActiveAdminRoster();
        AdminAccount admin = records.lockForChange(change.adminId())
                .filter(found -> found.status() != AdminStatus.OFFBOARDED || steps.operation() == Operation.OFFBOARD)
                .orElseThrow(() -> new OperationFailedException(FailureReason.ADMIN_NOT_FOUND,
                        "No admin with id " + change.adminId()));
        AdminResponse before = AdminResponse.of(admin);
        JournalEntry.Subject subject = new JournalEntry.Subject(admin.email(), admin.id(), admin.cognitoUsername());
        if (steps.alreadyDone(admin)) {
            if (journal.unfinishedFor(List.of(admin.email()), List.of()).stream()
                    .anyMatch(other -> other.getOperation() == Operation.ENABLE
                            && admin.id().equals(other.getAdminId()))) {
                // An enable's Cognito step is done first: until it is finished our row still reads
                // DISABLED, and "already disabled" would be overtaken by it. Any other unfinished change
                // wrote our row first, so the row already says where the admin is going.
                throw OperationFailedException.inProgress(admin.id());
            }
            if (change.idempotencyKey() != null) {
                journal.beginCompleted(steps.operation(), subject, request, idempotency.bodyOf(before));
            }
            return new Started(null, before);
        }
        if (change.bySelf()) {
            throw new OperationFailedException(FailureReason.CANNOT_CHANGE_SELF, "An admin cannot "
                    + steps.operation().name().toLowerCase() + " itself; ask another admin");
        }
        if (admin.status() == AdminStatus.ACTIVE && records.countOtherActiveAdmins(admin.id()) == 0) {
            throw new OperationFailedException(FailureReason.LAST_ACTIVE_ADMIN, admin.email()
                    + " is the last ACTIVE admin: nobody could sign in to administer the service afterwards");
        }
        AdminResponse after = AdminResponse.of(steps.applyInDatabase(records, admin));
        return new Started(journal.beginAnswered(steps.operation(), subject, request, idempotency.bodyOf(after)), after);
    }

    private OperationOutcome inCognito(Steps steps, Actor actor, JournalEntry entry, AdminResponse admin) {
        try {
            metrics.step(steps.operation(), "cognito", () -> steps.applyInCognito(entry.getCognitoUsername()));
        } catch (CognitoUserNotFoundException gone) {
            // Nothing left in Cognito that could sign in: the change holds. The drift report shows it.
            log.warn("{} {}: the Cognito user {} is gone already", entry.getOperation(), entry.getId(),
                    entry.getCognitoUsername());
        } catch (CognitoException e) {
            try {
                journal.handOver(entry.getId(), e.getMessage());
            } catch (TakenOver finishedMeanwhile) {
                // Finished by the reconciler while this call hung; the call may still have landed after a newer change.
                lateWrites.reassert(entry, actor);
            } catch (RuntimeException journalDown) {
                log.error("Could not hand {} {} over; the reconciler takes it once stale: {}", entry.getOperation(),
                        entry.getId(), journalDown.toString());
            }
            audit.record(actor.name(), steps.auditAction(), entry.getEmail(), Outcome.FAILED,
                    "database done, Cognito left to the reconciler");
            return new OperationOutcome.Pending(admin);
        }
        try {
            journal.complete(entry.getId(), idempotency.bodyOf(admin), admin.id());
        } catch (TakenOver completedMeanwhile) {
            // The reconciler repeated Cognito's part and completed it while this instance was slow; a
            // newer change may have gone through since, which this late call has just undone in Cognito.
            lateWrites.reassert(entry, actor);
        } catch (RuntimeException journalDown) {
            log.warn("Could not complete {} {}; the reconciler will: {}", entry.getOperation(), entry.getId(),
                    journalDown.toString());
            return new OperationOutcome.Pending(admin);
        }
        audit.record(actor.name(), steps.auditAction(), entry.getEmail(), Outcome.SUCCEEDED, null);
        return new OperationOutcome.Done(admin);
    }

    /** The reconciler's part: Cognito's step again (idempotent), then the end. */
    ReconciliationRun.Result finish(Steps steps, Journal.Claim claim, ClaimEndings endings, String actor) {
        if (claim.state() != OperationState.STARTED) {
            return ReconciliationRun.Result.SKIPPED;
        }
        try {
            steps.applyInCognito(claim.cognitoUsername());
        } catch (CognitoUserNotFoundException gone) {
            log.warn("{} {}: the Cognito user {} is gone already", claim.operation(), claim.id(),
                    claim.cognitoUsername());
        }
        return endings.completed(claim, journal.find(claim.id()).map(JournalEntry::getResponseBody).orElse(null),
                actor);
    }

    /** Tx A's result: the journaled entry (null when nothing needed changing) and the admin as answered. */
    private record Started(JournalEntry entry, AdminResponse admin) {
    }
}
