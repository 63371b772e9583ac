package org.adminprovisioning.cognito;

/**
 * Cognito refused to send an email because the pool's daily email quota is used up
 * ({@code LimitExceededException} "Exceeded daily email limit for the operation or the account").
 * Not a throttle: retrying within the day fails again. It ends when the quota resets, or when the
 * pool sends its email through Amazon SES (docs/cognito.md). Like a throttle, Cognito refuses the call
 * as a whole, so nothing was created or reset.
 */
public class EmailQuotaExceededException extends CognitoUnavailableException {

    public EmailQuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean refusedBeforeActing() {
        return true;
    }
}
