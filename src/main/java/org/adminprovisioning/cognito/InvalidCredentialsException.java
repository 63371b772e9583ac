package org.adminprovisioning.cognito;

/**
 * Sign-in refused ({@code NotAuthorizedException}): wrong password, expired temporary password,
 * disabled user, or a challenge session that is no longer valid. Cognito does not say which, and
 * neither do we.
 */
public class InvalidCredentialsException extends CognitoException {

    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
