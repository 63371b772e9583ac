package org.adminprovisioning.provisioning;

/**
 * Why an operation ended without its change, in provisioning's own terms; {@code web/} turns each
 * into a problem type. The code is what the journal stores, so a replay answers as the original did.
 */
public enum FailureReason {
    /** The admin exists already, in our database or in Cognito. */
    ADMIN_EXISTS("admin-exists", "Admin already exists"),
    /** Cognito refused the invitation (a parameter or the temporary password), or could not deliver it. */
    INVALID_INVITE("invalid-invite", "Cognito refused the invitation"),
    /** Cognito could not be reached or throttled the call; nothing changed. */
    COGNITO_UNAVAILABLE("cognito-unavailable", "Cognito unavailable"),
    /** A step after Cognito's failed and Cognito's change was undone: nothing changed. */
    ROLLED_BACK("provisioning-rolled-back", "Provisioning rolled back"),
    /** The operation stopped half-way; the reconciler finished it, without the change. */
    INTERRUPTED("provisioning-interrupted", "Provisioning interrupted");

    private final String code;
    private final String title;

    FailureReason(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The journal's {@code failure_type}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
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
