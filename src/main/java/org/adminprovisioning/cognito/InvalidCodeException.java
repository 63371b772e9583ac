package org.adminprovisioning.cognito;

/**
 * The password-reset code was refused: wrong ({@code CodeMismatchException}), expired or superseded by
 * a newer one ({@code ExpiredCodeException}), or sent for a user that does not exist.
 */
public class InvalidCodeException extends CognitoException {

    public InvalidCodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
