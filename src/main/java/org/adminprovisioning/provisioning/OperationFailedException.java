package org.adminprovisioning.provisioning;

import java.util.UUID;

/**
 * An operation was refused, or ended without its change, for the given reason; the message is a
 * sentence a person can act on. Nothing half-done is left behind that the reconciler will not finish.
 */
public class OperationFailedException extends RuntimeException {

    private final FailureReason reason;

    public OperationFailedException(FailureReason reason, String message) {
        this(reason, message, null);
    }

    public OperationFailedException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** {@code OPERATION_IN_PROGRESS}: another change to the admin holds it until it is finished. */
    static OperationFailedException inProgress(UUID adminId) {
        return new OperationFailedException(FailureReason.OPERATION_IN_PROGRESS, "Another change to admin "
                + adminId + " is still being finished; retry in a moment");
    }

    public FailureReason reason() {
        return reason;
    }
}
