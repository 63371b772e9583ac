package org.adminprovisioning.cognito;

/**
 * The temporary password was right but has expired ({@code NotAuthorizedException} "Temporary password
 * has expired and must be reset by an administrator."): only a new invitation helps. Cognito says so
 * only to someone who knows the temporary password, so telling it apart reveals nothing to a guesser.
 */
public class TemporaryPasswordExpiredException extends CognitoException {

    public TemporaryPasswordExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
