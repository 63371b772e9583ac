package org.adminprovisioning.provisioning;

import java.util.function.Supplier;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Undoes an operation's Cognito part after our part failed, for the operations that start in
 * Cognito. The journal says {@code COMPENSATING} before Cognito is touched, so that a crash in
 * between is finished by the reconciler; if that cannot be journaled, nothing is undone (an
 * unjournaled undo would race a reconciler rolling the operation forward) and the reconciler
 * finishes it once the database is back. Later journal writes are best effort: the undo is
 * journaled already. An operation the reconciler completed meanwhile is not undone: it is the answer.
 */
@Component
class Compensation {

    private static final Logger log = LoggerFactory.getLogger(Compensation.class);

    private final Journal journal;
    private final Idempotency idempotency;
    private final AuditTrail audit;

    Compensation(Journal journal, Idempotency idempotency, AuditTrail audit) {
        this.journal = journal;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    /**
     * @param username  the Cognito user whose change is undone
     * @param cause     what failed in our part
     * @param reason    what the journal records the operation ended with
     * @param undo      the Cognito call that undoes the change (idempotent)
     * @param afterUndo the failure to answer once the change is undone
     * @return the operation's answer, only when the reconciler completed it meanwhile; otherwise throws
     */
    OperationOutcome undo(JournalEntry entry, String username, Actor actor, RuntimeException cause,
            FailureReason reason, Runnable undo, Supplier<? extends RuntimeException> afterUndo) {
        String target = entry.getEmail();
        log.warn("{} {} failed after its Cognito change to user {}: compensating ({})", entry.getOperation(),
                entry.getId(), username, cause.toString());
        try {
            journal.compensating(entry.getId(), cause.toString());
        } catch (TakenOver taken) {
            if (taken.state() == OperationState.COMPLETED) {
                return new OperationOutcome.Done(idempotency.answerOf(journal.find(entry.getId()).orElseThrow()));
            }
            if (taken.state() == OperationState.FAILED || taken.state() == OperationState.VERIFYING) {
                // The reconciler found nothing and failed it; our change came afterwards. Reopen it.
                bestEffort(() -> journal.lateChangeFound(entry.getId(), username, cause.toString()));
            }
        } catch (RuntimeException journalDown) {
            log.error("Could not journal the compensation of {} {}; left to the reconciler: {}",
                    entry.getOperation(), entry.getId(), journalDown.toString());
            bestEffort(() -> audit.record(actor.name(), Action.COMPENSATE, target, Outcome.FAILED,
                    "journal unavailable, left to the reconciler"));
            throw new OperationFailedException(FailureReason.INTERRUPTED, "The change could not be saved and the "
                    + "clean-up could not be recorded yet. The service finishes or undoes it by itself within "
                    + "minutes: check GET /admins before retrying.", journalDown);
        }
        try {
            undo.run();
        } catch (CognitoException undoFailed) {
            log.error("Compensation of {} {} failed; the reconciler will retry: {}", entry.getOperation(),
                    entry.getId(), undoFailed.getMessage());
            bestEffort(() -> journal.handOver(entry.getId(), undoFailed.getMessage()));
            bestEffort(() -> audit.record(actor.name(), Action.COMPENSATE, target, Outcome.FAILED,
                    undoFailed.getMessage()));
            throw new OperationFailedException(FailureReason.COGNITO_UNAVAILABLE, "The change could not be saved "
                    + "and Cognito could not be cleaned up yet; it will be, automatically. Nothing is usable.",
                    undoFailed);
        }
        bestEffort(() -> journal.rolledBack(entry.getId(), reason));
        bestEffort(() -> audit.record(actor.name(), Action.COMPENSATE, target, Outcome.ROLLED_BACK, cause.toString()));
        throw afterUndo.get();
    }

    static void bestEffort(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("Journal or audit write failed after the fact: {}", e.toString());
        }
    }
}
