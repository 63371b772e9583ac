package org.adminprovisioning.cognito;

/** Cognito refused the call for a quota ({@code TooManyRequestsException}, {@code LimitExceededException}). */
public class CognitoThrottledException extends CognitoUnavailableException {

    public CognitoThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
