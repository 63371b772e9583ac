package org.adminprovisioning.provisioning;

import java.time.Instant;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The ends the reconciler's plans bring a claimed entry to, each journaled, audited and logged alike. */
@Component
class ClaimEndings {

    private static final Logger log = LoggerFactory.getLogger(ClaimEndings.class);

    private final Journal journal;
    private final AuditTrail audit;

    ClaimEndings(Journal journal, AuditTrail audit) {
        this.journal = journal;
        this.audit = audit;
    }

    ReconciliationRun.Result failed(Journal.Claim claim, FailureReason reason, String detail, String actor) {
        journal.failClaimed(claim, reason, detail);
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, claim.operation() + ": " + detail);
        log.info("Reconciler failed {} {} ({}): {}", claim.operation(), claim.id(), claim.email(), detail);
        return ReconciliationRun.Result.FAILED;
    }

    /** Failed as far as can be told; looked at once more at {@code lookAt} for a late Cognito change. */
    ReconciliationRun.Result failedPendingSecondLook(Journal.Claim claim, String detail, Instant lookAt,
            String actor) {
        journal.failClaimedPendingSecondLook(claim, FailureReason.INTERRUPTED, detail, lookAt);
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, claim.operation() + ": " + detail);
        log.info("Reconciler failed {} {} ({}): {}; looking once more at {}", claim.operation(), claim.id(),
                claim.email(), detail, lookAt);
        return ReconciliationRun.Result.FAILED;
    }

    ReconciliationRun.Result rolledBack(Journal.Claim claim, String detail, String actor) {
        journal.rollBackClaimed(claim, FailureReason.ROLLED_BACK);
        audit.record(actor, claim.state() == OperationState.COMPENSATING ? Action.COMPENSATE : Action.RECONCILE,
                claim.email(), Outcome.ROLLED_BACK, claim.operation() + ": " + detail);
        log.info("Reconciler rolled {} {} back ({}): {}", claim.operation(), claim.id(), claim.email(), detail);
        return ReconciliationRun.Result.ROLLED_BACK;
    }

    /** Completes an entry whose last step is Cognito's (disable, offboard): nothing of ours left to write. */
    ReconciliationRun.Result completed(Journal.Claim claim, String responseBody, String actor) {
        journal.completeClaimed(claim, responseBody, claim.adminId());
        return completedAudited(claim, actor);
    }

    /** Audits and logs a completion the plan journaled itself, in the transaction of our part. */
    ReconciliationRun.Result completedAudited(Journal.Claim claim, String actor) {
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.SUCCEEDED,
                claim.operation() + ": rolled forward from " + claim.state());
        log.info("Reconciler rolled {} {} forward ({}): both systems hold the change", claim.operation(), claim.id(),
                claim.email());
        return ReconciliationRun.Result.COMPLETED;
    }
}
