package org.adminprovisioning.cognito;

/**
 * The challenge session is no longer valid ({@code NotAuthorizedException} "Invalid session for the
 * user, session is expired."): Cognito's sessions last 3 minutes and are single-use; sign in again.
 */
public class SessionExpiredException extends CognitoException {

    public SessionExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
