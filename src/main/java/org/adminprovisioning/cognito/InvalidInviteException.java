package org.adminprovisioning.cognito;

/** The pool refused the invitation's parameters ({@code InvalidPassword}, {@code InvalidParameter}). */
public class InvalidInviteException extends CognitoException {

    public InvalidInviteException(String message, Throwable cause) {
        super(message, cause);
    }
}
