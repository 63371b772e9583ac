package org.adminprovisioning.cognito;

/**
 * The one-time code of the authenticator app was refused: wrong, outside the ±30 s window, or
 * already used ({@code CodeMismatchException}, {@code EnableSoftwareTokenMFAException}, or
 * {@code ExpiredCodeException} for a replayed code). The challenge session stays usable for another try.
 */
public class InvalidMfaCodeException extends CognitoException {

    public InvalidMfaCodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
