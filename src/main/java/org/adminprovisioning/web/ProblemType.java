package org.adminprovisioning.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every problem this service answers with (RFC 9457). The {@code type} URI is
 * {@code https://adminprovisioning.org/problems/<slug>}; slugs are part of the API and never change.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),
    INVALID_EMAIL("invalid-email", "Invalid email address", HttpStatus.BAD_REQUEST),
    INVALID_INVITE("invalid-invite", "Cognito refused the invitation", HttpStatus.BAD_REQUEST),
    PASSWORD_POLICY("password-policy", "Password does not meet the policy", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED),
    INVALID_CREDENTIALS("invalid-credentials", "Invalid credentials", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Admins only", HttpStatus.FORBIDDEN),
    ADMIN_NOT_FOUND("admin-not-found", "Admin not found", HttpStatus.NOT_FOUND),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    DRIFT_NOT_FOUND("drift-not-found", "No such drift", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    ADMIN_EXISTS("admin-exists", "Admin already exists", HttpStatus.CONFLICT),
    ADMIN_ALREADY_ACTIVE("admin-already-active", "Admin already active", HttpStatus.CONFLICT),
    PROVISIONING_IN_PROGRESS("provisioning-in-progress", "Provisioning in progress", HttpStatus.CONFLICT),
    NO_CHALLENGE_PENDING("no-challenge-pending", "No password change pending", HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT),
    TOO_MANY_INVITES("too-many-invites", "Too many invitations", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    COGNITO_UNAVAILABLE("cognito-unavailable", "Cognito unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    PROVISIONING_ROLLED_BACK("provisioning-rolled-back", "Provisioning rolled back", HttpStatus.SERVICE_UNAVAILABLE),
    PROVISIONING_INTERRUPTED("provisioning-interrupted", "Provisioning interrupted", HttpStatus.SERVICE_UNAVAILABLE),
    CANNOT_CHANGE_SELF("cannot-change-self", "Cannot change yourself", HttpStatus.CONFLICT),
    LAST_ACTIVE_ADMIN("last-active-admin", "Last active admin", HttpStatus.CONFLICT),
    OPERATION_IN_PROGRESS("operation-in-progress", "Another change is in progress", HttpStatus.CONFLICT),
    ADMIN_DISABLED("admin-disabled", "Admin disabled", HttpStatus.CONFLICT),
    INVITE_EXPIRED("invite-expired", "Invitation expired", HttpStatus.UNAUTHORIZED),
    INVALID_MFA_CODE("invalid-mfa-code", "Invalid MFA code", HttpStatus.UNAUTHORIZED),
    SESSION_EXPIRED("session-expired", "Sign-in session expired", HttpStatus.UNAUTHORIZED),
    INVALID_CODE("invalid-code", "Invalid or expired code", HttpStatus.UNAUTHORIZED),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    TOO_MANY_ATTEMPTS("too-many-attempts", "Too many attempts", HttpStatus.TOO_MANY_REQUESTS),
    EMAIL_QUOTA_EXCEEDED("email-quota-exceeded", "Email quota exceeded", HttpStatus.SERVICE_UNAVAILABLE),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    IMPORT_TOO_LARGE("import-too-large", "Too many rows to import", HttpStatus.CONTENT_TOO_LARGE),
    INVALID_IMPORT("invalid-import", "Unreadable import", HttpStatus.BAD_REQUEST),
    IMPORT_NOT_FOUND("import-not-found", "Import not found", HttpStatus.NOT_FOUND),
    IMPORT_NOT_PAUSED("import-not-paused", "Import not paused", HttpStatus.CONFLICT);

    public static final String BASE = "https://adminprovisioning.org/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public static ProblemType fromSlug(String slug) {
        for (ProblemType type : values()) {
            if (type.slug.equals(slug)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown problem type " + slug);
    }
}
