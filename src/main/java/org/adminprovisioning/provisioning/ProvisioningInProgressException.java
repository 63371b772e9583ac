package org.adminprovisioning.provisioning;

/** Another request for this email or with this idempotency key is still being provisioned. */
public class ProvisioningInProgressException extends RuntimeException {

    public ProvisioningInProgressException(String message) {
        super(message);
    }
}
