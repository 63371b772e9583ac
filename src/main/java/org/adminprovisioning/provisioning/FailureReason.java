package org.adminprovisioning.provisioning;

/**
 * Why an operation was refused or ended without its change, in the engine's own terms; {@code web/}
 * turns each into a problem type. The code is what the journal stores, so a replay answers as the
 * original did.
 */
public enum FailureReason {
    /** An admin with this email exists already, in our database or in Cognito, or is being provisioned. */
    ADMIN_EXISTS("admin-exists"),
    /** Cognito refused the invitation (a parameter or the temporary password), or could not deliver it. */
    INVALID_INVITE("invalid-invite"),
    /** Cognito could not be reached or throttled the call, and nothing changed. */
    COGNITO_UNAVAILABLE("cognito-unavailable"),
    /** A step after Cognito's failed and Cognito's change was undone: nothing changed. */
    ROLLED_BACK("provisioning-rolled-back"),
    /** The operation stopped half-way and could not even record its clean-up; the reconciler finishes it. */
    INTERRUPTED("provisioning-interrupted"),
    /** No live admin has this id or email, or its Cognito user is gone. */
    ADMIN_NOT_FOUND("admin-not-found"),
    /** The admin already set a permanent password: no invitation is pending. */
    ALREADY_ACTIVE("admin-already-active"),
    /** The admin is disabled: enable it first. */
    ADMIN_DISABLED("admin-disabled"),
    /** The invitation was resent as often as allowed within the window. */
    TOO_MANY_INVITES("too-many-invites"),
    /** An admin may not disable or offboard itself. */
    CANNOT_CHANGE_SELF("cannot-change-self"),
    /** The change would leave no ACTIVE admin. */
    LAST_ACTIVE_ADMIN("last-active-admin"),
    /** Another change to this admin is still being finished. */
    OPERATION_IN_PROGRESS("operation-in-progress"),
    /** The request with this Idempotency-Key is still being processed. */
    KEY_IN_PROGRESS("provisioning-in-progress"),
    /** This Idempotency-Key was used for a different request. */
    KEY_REUSED("idempotency-key-reused");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    /** The journal's {@code failure_type}, also the slug of the problem type it is answered with. */
    public String code() {
        return code;
    }

    static FailureReason fromCode(String code) {
        for (FailureReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Unknown failure reason " + code);
    }
}
