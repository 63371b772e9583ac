package org.adminprovisioning.provisioning;

import org.adminprovisioning.admin.EmailAddress;

/**
 * What to provision, for whom.
 *
 * @param email          the new admin's email, normalized and validated
 * @param actor          who asks; an admin's id becomes the new admin's inviter
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
 */
public record ProvisionCommand(EmailAddress email, Actor actor, String idempotencyKey) {

    public ProvisionCommand {
        if (email == null || actor == null) {
            throw new IllegalArgumentException("A provisioning needs an email and an actor");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new IllegalArgumentException("An Idempotency-Key has 1 to 255 characters");
        }
    }
}
