package org.adminprovisioning.provisioning;

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

    public FailureReason reason() {
        return reason;
    }
}
