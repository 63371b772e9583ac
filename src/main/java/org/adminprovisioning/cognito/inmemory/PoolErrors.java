package org.adminprovisioning.cognito.inmemory;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

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

    /** Cognito's {@code ResourceNotFoundException} for an app client of another pool. */
    static void checkClient(CognitoProperties settings, String clientId) {
        if (!settings.clientId().equals(clientId)) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                    "User pool client " + clientId + " does not exist.");
        }
    }
}
