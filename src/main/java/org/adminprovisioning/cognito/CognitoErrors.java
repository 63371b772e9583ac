package org.adminprovisioning.cognito;

import java.util.Locale;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidUserPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyFailedAttemptsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * How an SDK error reads in our terms: one failure type per thing a caller can do about it, and a
 * message that names Cognito's error but never a secret the call sent.
 */
final class CognitoErrors {

    private CognitoErrors() {
    }

    /**
     * The sign-in operations' reading of an SDK error ({@link AwsSignIn} reads its steps' own errors
     * first): they answer the person signing in rather than an admin. An unknown user is a failed
     * sign-in like a wrong password (as Cognito itself answers with user-existence errors prevented),
     * an {@code InvalidPasswordException} from {@code InitiateAuth} is a wrong password (Cognito never
     * sends it there; cognito-local does), and a refused parameter means our app client is
     * misconfigured (e.g. {@code USER_PASSWORD_AUTH} not enabled), not that the user typed something wrong.
     *
     * @param secrets what the call sent that must not reach a message (an emulator may echo it)
     */
    static CognitoException translateAuth(String operation, SdkException e, String... secrets) {
        String message = operation + " failed: " + describe(e, secrets);
        if (e instanceof UserNotFoundException
                || (e instanceof InvalidPasswordException && "InitiateAuth".equals(operation))) {
            return new InvalidCredentialsException(message, e);
        }
        if (e instanceof InvalidParameterException || e instanceof InvalidUserPoolConfigurationException
                || e instanceof ResourceNotFoundException) {
            return new CognitoUnavailableException(message + " (check the app client's configuration)", e);
        }
        return translate(operation, e, secrets);
    }

    /** Every SDK exception becomes one of ours; the SDK's message is kept, it never carries a password. */
    static CognitoException translate(String operation, SdkException e, String... secrets) {
        String message = operation + " failed: " + describe(e, secrets);
        if (e instanceof UsernameExistsException || e instanceof AliasExistsException) {
            return new AdminAlreadyExistsInCognitoException(message, e);
        }
        if (e instanceof UserNotFoundException) {
            return new CognitoUserNotFoundException(message, e);
        }
        if (e instanceof NotAuthorizedException || e instanceof PasswordResetRequiredException
                || e instanceof UserNotConfirmedException || e instanceof ExpiredCodeException
                || e instanceof TooManyFailedAttemptsException) {
            return new InvalidCredentialsException(message, e);
        }
        if (e instanceof InvalidPasswordException) {
            return new PasswordPolicyViolationException(message, e);
        }
        if (e instanceof InvalidParameterException || e instanceof UnsupportedUserStateException) {
            return new InvalidInviteException(message, e);
        }
        if (e instanceof LimitExceededException limit && isDailyEmailLimit(limit)) {
            return new EmailQuotaExceededException(message, e);
        }
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
            return new CognitoThrottledException(message, e);
        }
        if (e instanceof AwsServiceException service && service.isThrottlingException()) {
            return new CognitoThrottledException(message, e);
        }
        // 5xx, unknown service errors, timeouts and network failures: the outcome is unknown.
        return new CognitoUnavailableException(message, e);
    }

    /**
     * Cognito's default email sender answers {@code AdminCreateUser}, its {@code RESEND} and
     * {@code ForgotPassword} with {@code LimitExceededException} "Exceeded daily email limit for the
     * operation or the account" once the pool's daily quota is spent; every other
     * {@code LimitExceededException} is a rate limit.
     */
    static boolean isDailyEmailLimit(LimitExceededException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("daily email limit");
    }

    /** Error code, status and message of an SDK error, with any of the call's secrets masked. */
    static String describe(SdkException e, String... secrets) {
        String description;
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            description = service.awsErrorDetails().errorCode() + " (" + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        } else if (e instanceof SdkClientException) {
            description = "client error: " + e.getMessage();
        } else {
            description = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                description = description.replace(secret, "****");
            }
        }
        return description;
    }

    /** Cognito's own message, or an empty string. */
    static String errorMessage(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return "";
    }
}
