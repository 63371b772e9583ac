package org.adminprovisioning.cognito;

/**
 * Cognito refused the call for a rate quota ({@code TooManyRequestsException}, {@code LimitExceededException});
 * the daily email quota is {@link EmailQuotaExceededException} instead.
 */
public class CognitoThrottledException extends CognitoUnavailableException {

    public CognitoThrottledException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean refusedBeforeActing() {
        return true;
    }
}
