package org.adminprovisioning.auth;

/** The temporary password answered with tokens, not a challenge: the admin already set a password. */
public class NoChallengePendingException extends RuntimeException {

    public NoChallengePendingException(String message) {
        super(message);
    }
}
