package org.adminprovisioning.provisioning;

/** The idempotency key was used before with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
