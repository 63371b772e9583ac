package org.adminprovisioning.provisioning;

import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Lets a disabled admin back in: Cognito's {@code AdminEnableUser} first, then the {@code User}
 * back to ACTIVE (INVITED if it never signed in). Access is granted last, so a crash in between
 * leaves the admin unable to act here; the reconciler then rolls the enable forward. When our write
 * fails, the Cognito user is disabled again.
 */
@Service
public class EnableAdmin implements OperationPlan {

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final Journal journal;
    private final Idempotency idempotency;
    private final Compensation compensation;
    private final ClaimEndings endings;
    private final AuditTrail audit;
    private final TransactionOperations transactions;

    private final EngineMetrics metrics;
    private final LateWrites lateWrites;

    EnableAdmin(CognitoGateway cognito, AdminRecords records, Journal journal, Idempotency idempotency,
            Compensation compensation, ClaimEndings endings, AuditTrail audit, TransactionOperations transactions,
            EngineMetrics metrics, LateWrites lateWrites) {
        this.metrics = metrics;
        this.lateWrites = lateWrites;
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.idempotency = idempotency;
        this.compensation = compensation;
        this.endings = endings;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** {@code POST /admins/{id}/enable} by the signed-in admin. */
    @PreAuthorize("hasRole('ADMIN')")
    public OperationOutcome enable(UUID adminId, String idempotencyKey) {
        return enable(new AdminChange(adminId, Actor.of(CurrentAdmin.require()), idempotencyKey));
    }

    /**
     * Enables the admin for an authorized caller. Enabling an admin that is not DISABLED changes nothing.
     *
     * @return {@link OperationOutcome.Done} when both systems let the admin in again;
     *         {@link OperationOutcome.Pending} when Cognito's answer was lost and the reconciler
     *         finishes the enable; {@link OperationOutcome.Unchanged}
     * @throws OperationFailedException {@code ADMIN_NOT_FOUND} (also when its Cognito user is gone),
     *                                  {@code OPERATION_IN_PROGRESS}, {@code ROLLED_BACK},
     *                                  {@code COGNITO_UNAVAILABLE} (throttled; nothing changed)
     */
    public OperationOutcome enable(AdminChange change) {
        return metrics.operation(Operation.ENABLE, () -> enableTimed(change));
    }

    private OperationOutcome enableTimed(AdminChange change) {
        String hash = Idempotency.hash(Operation.ENABLE, change.adminId().toString());
        Optional<JournalEntry> previous = idempotency.previous(change.actor(), change.idempotencyKey());
        if (previous.isPresent()) {
            return idempotency.replay(previous.get(), hash);
        }
        JournalEntry.Request request = new JournalEntry.Request(change.actor().adminId(), change.idempotencyKey(), hash);
        Progress<JournalEntry> started;
        try {
            started = metrics.step(Operation.ENABLE, "journal",
                    () -> transactions.execute(tx -> start(change, request)));
        } catch (DataIntegrityViolationException busy) {
            Optional<JournalEntry> twin = idempotency.previous(change.actor(), change.idempotencyKey());
            if (twin.isPresent()) {
                return idempotency.replay(twin.get(), hash);
            }
            throw OperationFailedException.inProgress(change.adminId());
        }
        if (started instanceof Progress.Answer<JournalEntry> answer) {
            return answer.outcome();
        }
        JournalEntry entry = ((Progress.Next<JournalEntry>) started).value();
        AdminResponse disabled = idempotency.answerOf(entry);
        try {
            metrics.step(Operation.ENABLE, "cognito", () -> cognito.enableUser(entry.getCognitoUsername()));
        } catch (CognitoUserNotFoundException gone) {
            return failed(entry, change.actor(), FailureReason.ADMIN_NOT_FOUND, gone, "The Cognito user of admin "
                    + entry.getEmail() + " does not exist (see GET /admins/reconciliation)");
        } catch (CognitoUnavailableException unknown) {
            if (unknown.refusedBeforeActing()) {
                return failed(entry, change.actor(), FailureReason.COGNITO_UNAVAILABLE, unknown, "Amazon Cognito is "
                        + "throttling requests; nothing was changed. Retry shortly.");
            }
            // The enable may or may not have happened: the reconciler makes sure it does.
            try {
                journal.handOver(entry.getId(), unknown.getMessage());
            } catch (TakenOver finishedMeanwhile) {
                lateWrites.reassert(entry, change.actor());
            } catch (RuntimeException journalDown) {
                // The entry stays STARTED: the reconciler takes it once stale.
            }
            audit.record(change.actor().name(), Action.ENABLE_ADMIN, entry.getEmail(), Outcome.FAILED,
                    "Cognito unreachable, left to the reconciler");
            return new OperationOutcome.Pending(disabled);
        }
        try {
            journal.cognitoDone(entry.getId(), entry.getCognitoUsername());
            return metrics.step(Operation.ENABLE, "database", () -> transactions.execute(tx -> {
                journal.lockInState(entry.getId(), OperationState.COGNITO_DONE);
                AdminResponse enabled = AdminResponse.of(records.enable(entry.getAdminId()));
                journal.complete(entry.getId(), idempotency.bodyOf(enabled), entry.getAdminId());
                audit.record(change.actor().name(), Action.ENABLE_ADMIN, entry.getEmail(), Outcome.SUCCEEDED, null);
                return new OperationOutcome.Done(enabled);
            }));
        } catch (TakenOver taken) {
            if (taken.state() == OperationState.COMPLETED) {
                // The reconciler rolled it forward while this call hung; a newer change may have gone
                // through since, which this late enable has just undone in Cognito.
                lateWrites.reassert(entry, change.actor());
                return new OperationOutcome.Done(idempotency.answerOf(journal.find(entry.getId()).orElseThrow()));
            }
            return undo(entry, change.actor(), taken);
        } catch (RuntimeException e) {
            return undo(entry, change.actor(), e);
        }
    }

    /** Locks the admin; journals the enable unless there is nothing to enable. */
    private Progress<JournalEntry> start(AdminChange change, JournalEntry.Request request) {
        AdminAccount admin = records.lockForChange(change.adminId())
                .filter(found -> found.status() != AdminStatus.OFFBOARDED)
                .orElseThrow(() -> new OperationFailedException(FailureReason.ADMIN_NOT_FOUND,
                        "No admin with id " + change.adminId()));
        JournalEntry.Subject subject = new JournalEntry.Subject(admin.email(), admin.id(), admin.cognitoUsername());
        String body = idempotency.bodyOf(AdminResponse.of(admin));
        if (admin.status() != AdminStatus.DISABLED) {
            if (change.idempotencyKey() != null) {
                journal.beginCompleted(Operation.ENABLE, subject, request, body);
            }
            return Progress.answer(new OperationOutcome.Unchanged(AdminResponse.of(admin)));
        }
        JournalEntry entry = journal.begin(Operation.ENABLE, subject, request, true);
        entry.answered(body);
        return Progress.next(entry);
    }

    private OperationOutcome failed(JournalEntry entry, Actor actor, FailureReason reason, CognitoException cause,
            String detail) {
        try {
            journal.fail(entry.getId(), reason, cause.getMessage());
        } catch (TakenOver taken) {
            if (taken.state() == OperationState.COMPLETED) {
                return new OperationOutcome.Done(idempotency.answerOf(journal.find(entry.getId()).orElseThrow()));
            }
        }
        audit.record(actor.name(), Action.ENABLE_ADMIN, entry.getEmail(), Outcome.FAILED, reason.code());
        throw new OperationFailedException(reason, detail, cause);
    }

    private OperationOutcome undo(JournalEntry entry, Actor actor, RuntimeException cause) {
        return compensation.undo(entry, entry.getCognitoUsername(), actor, cause, FailureReason.ROLLED_BACK,
                () -> cognito.disableUser(entry.getCognitoUsername()),
                () -> new OperationFailedException(FailureReason.ROLLED_BACK, "The admin could not be enabled in our "
                        + "database, so its Cognito user was disabled again: nothing changed. It is safe to retry."));
    }

    @Override
    public Operation operation() {
        return Operation.ENABLE;
    }

    /** Rolls a stale enable forward (the admin asked for it), or finishes undoing one whose write failed. */
    @Override
    public ReconciliationRun.Result finish(Journal.Claim claim, String actor) {
        switch (claim.state()) {
            case STARTED:
                try {
                    cognito.enableUser(claim.cognitoUsername());
                } catch (CognitoUserNotFoundException gone) {
                    return endings.failed(claim, FailureReason.ADMIN_NOT_FOUND, "the Cognito user is gone", actor);
                }
                return recordEnabled(claim, actor);
            case COGNITO_DONE:
                return recordEnabled(claim, actor);
            case COMPENSATING:
                try {
                    cognito.disableUser(claim.cognitoUsername());
                } catch (CognitoUserNotFoundException gone) {
                    // Nothing left to disable.
                }
                return endings.rolledBack(claim, "disabled again", actor);
            default:
                return ReconciliationRun.Result.SKIPPED;
        }
    }

    private ReconciliationRun.Result recordEnabled(Journal.Claim claim, String actor) {
        transactions.executeWithoutResult(tx -> {
            journal.lockClaimed(claim);
            AdminResponse enabled = AdminResponse.of(records.enable(claim.adminId()));
            journal.completeClaimed(claim, idempotency.bodyOf(enabled), claim.adminId());
        });
        return endings.completedAudited(claim, actor);
    }
}
