package org.adminprovisioning.provisioning;

/**
 * The two-system operations on an admin. Each is journaled before any external call and finished by
 * the one reconciler; their order of steps is chosen so that a crash never leaves more access than
 * was asked for.
 */
public enum Operation {
    /** {@code POST /admins}: Cognito user (+ admin group) first, then {@code User} + {@code AdminInfo}. */
    PROVISION,
    /** {@code POST /admins/resend-invite}: invitation slot in the journal, then Cognito's RESEND, then the counters. */
    RESEND,
    /** {@code POST /admins/{id}/disable}: {@code User} DISABLED first (tokens refused at once), then Cognito. */
    DISABLE,
    /** {@code POST /admins/{id}/enable}: Cognito first, then the {@code User} back to ACTIVE or INVITED. */
    ENABLE,
    /** {@code DELETE /admins/{id}}: {@code User} OFFBOARDED first, then the Cognito user deleted. */
    OFFBOARD
}
