package org.adminprovisioning.admin;

import java.time.Instant;
import java.util.UUID;

/** An admin as the HTTP API shows it ({@code POST /admins}, {@code GET /admins}). No secrets. */
public record AdminResponse(
        UUID id,
        String email,
        String cognitoUsername,
        AdminStatus status,
        String invitedBy,
        Instant inviteExpiresAt,
        boolean inviteExpired,
        Instant createdAt,
        Instant activatedAt) {

    public static AdminResponse of(AdminAccount account) {
        return new AdminResponse(account.id(), account.email(), account.cognitoUsername(), account.status(),
                account.invitedBy(), account.inviteExpiresAt(), account.inviteExpired(), account.createdAt(),
                account.activatedAt());
    }
}
