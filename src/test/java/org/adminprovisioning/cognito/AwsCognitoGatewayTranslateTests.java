package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryFailureException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
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

/** Every SDK exception becomes exactly one of the port's exceptions, message kept, cause attached. */
class AwsCognitoGatewayTranslateTests {

    /** An SDK service exception as the SDK itself builds it from Cognito's JSON error. */
    private static SdkException cognitoError(CognitoIdentityProviderException.Builder builder, String code, int status) {
        return builder.message("message of " + code)
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("message of " + code)
                        .serviceName("CognitoIdentityProvider")
                        .build())
                .build();
    }

    static Stream<Arguments> sdkErrors() {
        return Stream.of(
                Arguments.of(cognitoError(UsernameExistsException.builder(), "UsernameExistsException", 400),
                        AdminAlreadyExistsInCognitoException.class),
                Arguments.of(cognitoError(AliasExistsException.builder(), "AliasExistsException", 400),
                        AdminAlreadyExistsInCognitoException.class),
                Arguments.of(cognitoError(UserNotFoundException.builder(), "UserNotFoundException", 400),
                        CognitoUserNotFoundException.class),
                Arguments.of(cognitoError(NotAuthorizedException.builder(), "NotAuthorizedException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(cognitoError(PasswordResetRequiredException.builder(), "PasswordResetRequiredException",
                        400), InvalidCredentialsException.class),
                Arguments.of(cognitoError(UserNotConfirmedException.builder(), "UserNotConfirmedException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(cognitoError(ExpiredCodeException.builder(), "ExpiredCodeException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(cognitoError(TooManyFailedAttemptsException.builder(), "TooManyFailedAttemptsException",
                        400), InvalidCredentialsException.class),
                Arguments.of(cognitoError(InvalidPasswordException.builder(), "InvalidPasswordException", 400),
                        PasswordPolicyViolationException.class),
                Arguments.of(cognitoError(InvalidParameterException.builder(), "InvalidParameterException", 400),
                        InvalidInviteException.class),
                Arguments.of(cognitoError(UnsupportedUserStateException.builder(), "UnsupportedUserStateException",
                        400), InvalidInviteException.class),
                Arguments.of(cognitoError(TooManyRequestsException.builder(), "TooManyRequestsException", 400),
                        CognitoThrottledException.class),
                Arguments.of(cognitoError(LimitExceededException.builder(), "LimitExceededException", 400),
                        CognitoThrottledException.class),
                Arguments.of(cognitoError(CognitoIdentityProviderException.builder(), "ThrottlingException", 400),
                        CognitoThrottledException.class),
                Arguments.of(cognitoError(InternalErrorException.builder(), "InternalErrorException", 500),
                        CognitoUnavailableException.class),
                Arguments.of(cognitoError(CognitoIdentityProviderException.builder(), "ServiceUnavailable", 503),
                        CognitoUnavailableException.class),
                Arguments.of(cognitoError(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400),
                        CognitoUnavailableException.class),
                Arguments.of(cognitoError(CodeDeliveryFailureException.builder(), "CodeDeliveryFailureException", 400),
                        CognitoUnavailableException.class),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Connection refused"),
                        CognitoUnavailableException.class),
                Arguments.of(ApiCallTimeoutException.create(10_000), CognitoUnavailableException.class),
                Arguments.of(ApiCallAttemptTimeoutException.create(3_000), CognitoUnavailableException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("sdkErrors")
    void translate_mapsEverySdkErrorToOneOfOurs_keepingOperationMessageAndCause(SdkException sdk,
            Class<? extends CognitoException> expected) {
        CognitoException translated = CognitoErrors.translate("AdminCreateUser", sdk);

        assertThat(translated).isExactlyInstanceOf(expected).hasCause(sdk);
        assertThat(translated.getMessage()).startsWith("AdminCreateUser failed: ");
        if (sdk instanceof AwsServiceException service) {
            assertThat(translated.getMessage()).contains(service.awsErrorDetails().errorCode(),
                    "(" + service.statusCode() + ")", service.awsErrorDetails().errorMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"AdminCreateUser", "AdminCreateUser(RESEND)",
        "ForgotPassword"})
    void translate_makesTheDailyEmailLimitItsOwnFailure_notAThrottle(String operation) {
        SdkException daily = LimitExceededException.builder().statusCode(400)
                .message("Exceeded daily email limit for the operation or the account. If a higher limit is "
                        + "required, please configure your user pool to use your own Amazon SES configuration for "
                        + "sending email.")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException")
                        .errorMessage("Exceeded daily email limit for the operation or the account. If a higher limit "
                                + "is required, please configure your user pool to use your own Amazon SES "
                                + "configuration for sending email.")
                        .serviceName("CognitoIdentityProvider").build())
                .build();

        CognitoException translated = CognitoErrors.translate(operation, daily);

        assertThat(translated).isExactlyInstanceOf(EmailQuotaExceededException.class).hasCause(daily)
                .isNotInstanceOf(CognitoThrottledException.class)
                .isInstanceOf(CognitoUnavailableException.class);
        assertThat(translated.getMessage()).startsWith(operation + " failed: LimitExceededException (400)");
    }

    @Test
    void translate_keepsEveryOtherLimitExceeded_aThrottle() {
        SdkException attempts = cognitoError(LimitExceededException.builder(), "LimitExceededException", 400);

        assertThat(CognitoErrors.translate("AdminCreateUser", attempts))
                .isExactlyInstanceOf(CognitoThrottledException.class);
    }

    @Test
    void translate_treatsThrottlingAsUnavailable_soTheSagaLooksTheUserUp() {
        CognitoException throttled = CognitoErrors.translate("AdminCreateUser",
                cognitoError(TooManyRequestsException.builder(), "TooManyRequestsException", 400));

        assertThat(throttled).isInstanceOf(CognitoUnavailableException.class);
    }

    @Test
    void translate_namesAClientErrorAsSuch() {
        assertThat(CognitoErrors.translate("AdminGetUser", SdkClientException.create("connect timed out")))
                .hasMessage("AdminGetUser failed: client error: connect timed out");
    }
}
