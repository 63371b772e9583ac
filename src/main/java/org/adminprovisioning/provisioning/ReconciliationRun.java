package org.adminprovisioning.provisioning;

/**
 * What one reconciler pass did ({@code POST /admins/reconciliation/run}).
 *
 * @param claimed        requests taken
 * @param completed      rolled forward: the admin now exists in both systems
 * @param failed         ended {@code FAILED}: nothing had been created
 * @param rolledBack     ended {@code ROLLED_BACK}: the Cognito user was deleted (or was gone)
 * @param retryLater     attempts that failed and are scheduled again with backoff
 * @param needsAttention requests the reconciler gave up on; an admin must repair them
 * @param skipped        requests that moved on (the saga or another instance) while being looked at
 * @param verified       failed requests looked at once more: no late Cognito user appeared
 */
public record ReconciliationRun(int claimed, int completed, int failed, int rolledBack, int retryLater,
        int needsAttention, int skipped, int verified) {

    /** How one request's reconciliation ended. */
    public enum Result {
        COMPLETED, FAILED, ROLLED_BACK, RETRY_LATER, NEEDS_ATTENTION, SKIPPED, VERIFIED
    }

    static final class Tally {

        private final int[] counts = new int[Result.values().length];

        void add(Result result) {
            counts[result.ordinal()]++;
        }

        ReconciliationRun toRun() {
            int claimed = 0;
            for (int count : counts) {
                claimed += count;
            }
            return new ReconciliationRun(claimed, counts[Result.COMPLETED.ordinal()], counts[Result.FAILED.ordinal()],
                    counts[Result.ROLLED_BACK.ordinal()], counts[Result.RETRY_LATER.ordinal()],
                    counts[Result.NEEDS_ATTENTION.ordinal()], counts[Result.SKIPPED.ordinal()],
                    counts[Result.VERIFIED.ordinal()]);
        }
    }
}
