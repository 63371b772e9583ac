package org.adminprovisioning.scim;

import java.time.Duration;

/**
 * A SCIM request refused or failed, as RFC 7644 §3.12 names it: the HTTP status, the
 * {@code scimType} (for 400s and 409 {@code uniqueness}; {@code null} otherwise) and a sentence.
 * The scim feature's controllers write it as SCIM's error message, not as an RFC 9457 problem.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;
    private final Duration retryAfter;

    ScimException(int status, String scimType, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
        this.retryAfter = retryAfter;
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail, null);
    }

    static ScimException notFound(String detail) {
        return new ScimException(404, null, detail, null);
    }

    static ScimException conflict(String scimType, String detail) {
        return new ScimException(409, scimType, detail, null);
    }

    /** Nothing went wrong for good: the identity provider should send the same request again later. */
    static ScimException retryLater(String detail, Duration retryAfter) {
        return new ScimException(503, null, detail, retryAfter);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    /** How long to wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
