package org.adminprovisioning.provisioning;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How a provisioning ends when it does not complete in the caller's thread: handed to the reconciler,
 * failed, undone, or found completed by the reconciler meanwhile. Each end journaled and audited alike.
 */
@Component
class ProvisionEndings {

    private static final Logger log = LoggerFactory.getLogger(ProvisionEndings.class);

    private final CognitoGateway cognito;
    private final Journal journal;
    private final Idempotency idempotency;
    private final Compensation compensation;
    private final AuditTrail audit;

    ProvisionEndings(CognitoGateway cognito, Journal journal, Idempotency idempotency, Compensation compensation,
            AuditTrail audit) {
        this.cognito = cognito;
        this.journal = journal;
        this.idempotency = idempotency;
        this.compensation = compensation;
        this.audit = audit;
    }

    /** Leaves the operation unfinished; the reconciler takes it once it is stale. */
    void handOver(JournalEntry entry, CognitoException failure, Actor actor, String detail) {
        Compensation.bestEffort(() -> journal.handOver(entry.getId(), failure.getMessage()));
        audit.record(actor.name(), Action.PROVISION_ADMIN, entry.getEmail(), Outcome.FAILED, detail);
    }

    /**
     * Ends the operation {@code FAILED} and throws {@code failure}, unless the reconciler completed
     * it while this instance was stalled: that admin is the answer.
     */
    <T> Progress<T> failed(JournalEntry entry, Actor actor, FailureReason reason, CognitoException cause,
            RuntimeException failure) {
        try {
            journal.fail(entry.getId(), reason, cause.getMessage());
        } catch (TakenOver taken) {
            if (taken.state() == OperationState.COMPLETED) {
                return Progress.answer(completedElsewhere(entry));
            }
            throw failure;
        }
        audit.record(actor.name(), Action.PROVISION_ADMIN, entry.getEmail(), Outcome.FAILED, reason.code());
        throw failure;
    }

    /**
     * This instance was slow past the stale threshold and the reconciler decided meanwhile: a
     * completed operation is the answer; anything else still has our Cognito user to undo.
     */
    OperationOutcome takenOver(JournalEntry entry, CognitoUser user, Actor actor, TakenOver taken) {
        return taken.state() == OperationState.COMPLETED ? completedElsewhere(entry)
                : undo(entry, user, actor, taken, FailureReason.ROLLED_BACK);
    }

    /** Deletes the Cognito user this operation created; see {@link Compensation}. */
    OperationOutcome undo(JournalEntry entry, CognitoUser user, Actor actor, RuntimeException cause,
            FailureReason reason) {
        String email = entry.getEmail();
        return compensation.undo(entry, user.username(), actor, cause, reason, () -> cognito.deleteUser(user.username()),
                () -> switch (reason) {
                    case ADMIN_EXISTS -> new OperationFailedException(reason, "An admin with email " + email
                            + " already exists");
                    case INVALID_INVITE -> new OperationFailedException(reason, "Cognito could not deliver the "
                            + "invitation to " + email + ", so the user it created was deleted again: nothing was "
                            + "created. Check the address.", cause);
                    default -> new OperationFailedException(FailureReason.ROLLED_BACK, "The admin could not be "
                            + "saved, so the Cognito user was deleted again: nothing was created. It is safe to retry.");
                });
    }

    private OperationOutcome completedElsewhere(JournalEntry entry) {
        log.info("Provisioning {} was completed by the reconciler meanwhile", entry.getId());
        return new OperationOutcome.Done(idempotency.answerOf(journal.find(entry.getId()).orElseThrow()));
    }
}
