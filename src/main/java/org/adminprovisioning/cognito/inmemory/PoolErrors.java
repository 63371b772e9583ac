package org.adminprovisioning.cognito.inmemory;

import org.adminprovisioning.cognito.PasswordPolicy;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** The SDK's own exceptions, built as the SDK builds them from Cognito's answers: status 400, code, message. */
final class PoolErrors {

    private PoolErrors() {
    }

    static CognitoIdentityProviderException error(CognitoIdentityProviderException.Builder builder, String code,
            String message) {
        return (CognitoIdentityProviderException) builder.message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("CognitoIdentityProvider")
                        .build())
                .build();
    }

    static NotAuthorizedException notAuthorized(String message) {
        return (NotAuthorizedException) error(NotAuthorizedException.builder(), "NotAuthorizedException", message);
    }

    /** Cognito's {@code InvalidPasswordException}, worded as Cognito words it, when the policy refuses. */
    static void checkPolicy(PasswordPolicy policy, String password) {
        policy.violation(password).ifPresent(message -> {
            throw error(InvalidPasswordException.builder(), "InvalidPasswordException", message);
        });
    }
}
