package org.adminprovisioning.cognito;

/** Base of every error the {@link CognitoGateway} reports; drivers never leak their own exceptions. */
public abstract class CognitoException extends RuntimeException {

    protected CognitoException(String message, Throwable cause) {
        super(message, cause);
    }
}
