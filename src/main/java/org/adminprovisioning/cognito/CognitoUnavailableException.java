package org.adminprovisioning.cognito;

/**
 * Cognito could not be reached or answered with a server error or a timeout. The outcome of a
 * write that ends this way is unknown: it may or may not have happened.
 */
public class CognitoUnavailableException extends CognitoException {

    public CognitoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether Cognito refused the call before acting on it (a rate or email quota), so the write is
     * known not to have happened and may be reported as failed at once instead of left to the reconciler.
     */
    public boolean refusedBeforeActing() {
        return false;
    }
}
