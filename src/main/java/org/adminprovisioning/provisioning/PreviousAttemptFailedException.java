package org.adminprovisioning.provisioning;

/** An idempotent replay of a request that failed: answers with the first attempt's failure. */
public class PreviousAttemptFailedException extends RuntimeException {

    private final FailureReason reason;

    public PreviousAttemptFailedException(FailureReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public FailureReason getReason() {
        return reason;
    }
}
