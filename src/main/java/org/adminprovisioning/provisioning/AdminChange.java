package org.adminprovisioning.provisioning;

import java.util.UUID;

/**
 * A change to an existing admin, asked for by someone, with an optional idempotency key.
 *
 * @param adminId        the admin to change
 * @param actor          who asks
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
 */
public record AdminChange(UUID adminId, Actor actor, String idempotencyKey) {

    public AdminChange {
        if (adminId == null || actor == null) {
            throw new IllegalArgumentException("A change needs an admin and an actor");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new IllegalArgumentException("An Idempotency-Key has 1 to 255 characters");
        }
    }

    /** Whether the one asking is the admin being changed. */
    boolean bySelf() {
        return adminId.equals(actor.adminId());
    }
}
