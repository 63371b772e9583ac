package org.adminprovisioning.provisioning;

/**
 * The saga could neither finish nor record its clean-up (the database failed after Cognito created
 * the user). The request is journaled and unfinished: the reconciler completes or undoes it.
 */
public class ProvisioningInterruptedException extends RuntimeException {

    public ProvisioningInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
