package org.adminprovisioning.web;

import java.io.IOException;

/**
 * A request body grew past its limit while it was being read (a chunked body declares no
 * length). An {@link IOException}, so every reader of the body stops where it is.
 */
class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The exception itself, when it is {@code failure} or one of its causes. */
    static RequestBodyTooLargeException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
