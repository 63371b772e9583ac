package org.adminprovisioning.cognito;

/** The pool has no such user ({@code UserNotFoundException}). */
public class CognitoUserNotFoundException extends CognitoException {

    public CognitoUserNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
