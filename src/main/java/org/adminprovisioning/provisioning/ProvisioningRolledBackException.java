package org.adminprovisioning.provisioning;

/** The database write failed after Cognito created the user, and the Cognito user was deleted again: nothing was created. */
public class ProvisioningRolledBackException extends RuntimeException {

    public ProvisioningRolledBackException(String message) {
        super(message);
    }
}
