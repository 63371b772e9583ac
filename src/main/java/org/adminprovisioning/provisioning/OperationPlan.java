package org.adminprovisioning.provisioning;

/** How the reconciler finishes one kind of operation that a crash, a timeout or a failed undo left unfinished. */
interface OperationPlan {

    Operation operation();

    /**
     * Drives a claimed, stale entry of this operation towards an end. Never inside a transaction:
     * Cognito is called between the claim's transaction and the ending's.
     *
     * @throws TakenOver              the operation moved on meanwhile: it is someone else's to finish
     * @throws ReconciliationConflict retrying cannot settle it: an admin must look
     * @throws RuntimeException       anything else: the reconciler retries with backoff
     */
    ReconciliationRun.Result finish(Journal.Claim claim, String actor);
}
