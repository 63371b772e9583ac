package org.adminprovisioning.provisioning;

import java.util.UUID;

import org.adminprovisioning.admin.AdminPrincipal;

/**
 * Who asks for an operation: an admin (its id scopes its idempotency keys and is the inviter of
 * whom it provisions), or the service itself on someone's behalf (bootstrap, an identity provider).
 *
 * @param adminId the asking admin's id, or {@code null} for the service
 * @param name    what the audit trail records as the actor
 */
public record Actor(UUID adminId, String name) {

    public static Actor of(AdminPrincipal admin) {
        return new Actor(admin.userId(), admin.email());
    }

    public static Actor service(String name) {
        return new Actor(null, name);
    }
}
