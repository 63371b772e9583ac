package org.adminprovisioning.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A snapshot of one admin: its {@link User} and {@link AdminInfo} read together in one transaction.
 *
 * @param invitedBy       the inviting admin's email, or {@code null} for an admin nobody invited
 * @param inviteExpiresAt when the current temporary password stops working; {@code null} unless INVITED
 * @param inviteExpired   whether that moment has passed when the snapshot was taken: only a resend helps
 */
public record AdminAccount(
        UUID id,
        String email,
        String cognitoUsername,
        String cognitoSub,
        AdminStatus status,
        String invitedBy,
        Instant invitedAt,
        Instant activatedAt,
        Instant lastInviteSentAt,
        int inviteCount,
        Instant inviteExpiresAt,
        boolean inviteExpired,
        Instant createdAt) {

    /**
     * @param inviteValidity how long a temporary password works, to tell when this invitation expires
     * @param now            the moment the snapshot is taken
     */
    static AdminAccount of(AdminInfo info, Duration inviteValidity, Instant now) {
        User user = info.getUser();
        User inviter = info.getInvitedBy();
        Instant expiresAt = user.getStatus() == AdminStatus.INVITED && info.getLastInviteSentAt() != null
                ? info.getLastInviteSentAt().plus(inviteValidity) : null;
        return new AdminAccount(user.getId(), user.getEmail(), user.getCognitoUsername(), user.getCognitoSub(),
                user.getStatus(), inviter == null ? null : inviter.getEmail(), info.getInvitedAt(),
                info.getActivatedAt(), info.getLastInviteSentAt(), info.getInviteCount(), expiresAt,
                expiresAt != null && !now.isBefore(expiresAt), user.getCreatedAt());
    }

    /** Whether this admin ever completed a first sign-in (enable brings it back ACTIVE, else INVITED). */
    public boolean everSignedIn() {
        return activatedAt != null;
    }
}
