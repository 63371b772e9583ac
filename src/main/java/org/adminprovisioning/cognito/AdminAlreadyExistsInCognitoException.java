package org.adminprovisioning.cognito;

/** The pool already has a user with this email or username ({@code UsernameExistsException}). */
public class AdminAlreadyExistsInCognitoException extends CognitoException {

    public AdminAlreadyExistsInCognitoException(String message, Throwable cause) {
        super(message, cause);
    }
}
