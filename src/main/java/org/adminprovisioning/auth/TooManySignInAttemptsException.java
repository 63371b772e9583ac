package org.adminprovisioning.auth;

import java.time.Duration;

/** Too many sign-in requests from one client, or too many failed ones for one username: wait {@link #retryAfter()}. */
public class TooManySignInAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    TooManySignInAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the window that refused this request ends; at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
