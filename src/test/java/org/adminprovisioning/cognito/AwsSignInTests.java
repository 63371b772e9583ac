package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.adminprovisioning.cognito.AwsSignIn.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** Each sign-in step reads Cognito's errors in its own terms; the rest as every sign-in call does. */
class AwsSignInTests {

    private static AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return builder.statusCode(400).message(message).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(message).serviceName("CognitoIdentityProvider").build()).build();
    }

    private static AwsServiceException notAuthorized(String message) {
        return error(NotAuthorizedException.builder(), "NotAuthorizedException", message);
    }

    static Stream<Arguments> stepErrors() {
        return Stream.of(
                Arguments.of(Step.PASSWORD, notAuthorized("Temporary password has expired and must be reset by an "
                        + "administrator."), TemporaryPasswordExpiredException.class),
                Arguments.of(Step.PASSWORD, notAuthorized("Incorrect username or password."),
                        InvalidCredentialsException.class),
                Arguments.of(Step.PASSWORD, notAuthorized("User is disabled."), InvalidCredentialsException.class),
                Arguments.of(Step.NEW_PASSWORD, notAuthorized("Invalid session for the user, session is expired."),
                        SessionExpiredException.class),
                Arguments.of(Step.NEW_PASSWORD, error(InvalidPasswordException.builder(), "InvalidPasswordException",
                        "Password does not conform to policy"), PasswordPolicyViolationException.class),
                Arguments.of(Step.ASSOCIATE, notAuthorized("Invalid session for the user, session is expired."),
                        SessionExpiredException.class),
                Arguments.of(Step.VERIFY, error(EnableSoftwareTokenMfaException.builder(),
                        "EnableSoftwareTokenMFAException", "Code mismatch"), InvalidMfaCodeException.class),
                Arguments.of(Step.VERIFY, error(CodeMismatchException.builder(), "CodeMismatchException", "mismatch"),
                        InvalidMfaCodeException.class),
                Arguments.of(Step.VERIFY, notAuthorized("Invalid session for the user."), SessionExpiredException.class),
                Arguments.of(Step.MFA_SETUP, notAuthorized("Invalid session for the user, session can only be used once."),
                        SessionExpiredException.class),
                Arguments.of(Step.MFA, error(CodeMismatchException.builder(), "CodeMismatchException",
                        "Invalid code received for user"), InvalidMfaCodeException.class),
                Arguments.of(Step.MFA, error(ExpiredCodeException.builder(), "ExpiredCodeException",
                        "Your software token has already been used once."), InvalidMfaCodeException.class),
                Arguments.of(Step.MFA, notAuthorized("User is disabled."), InvalidCredentialsException.class),
                Arguments.of(Step.REFRESH, notAuthorized("Refresh Token has been revoked"),
                        RefreshTokenRejectedException.class),
                Arguments.of(Step.REFRESH, error(UserNotFoundException.builder(), "UserNotFoundException", "gone"),
                        RefreshTokenRejectedException.class),
                Arguments.of(Step.FORGOT, error(LimitExceededException.builder(), "LimitExceededException",
                        "Attempt limit exceeded, please try after some time."), CognitoThrottledException.class),
                Arguments.of(Step.CONFIRM, error(CodeMismatchException.builder(), "CodeMismatchException", "wrong"),
                        InvalidCodeException.class),
                Arguments.of(Step.CONFIRM, error(ExpiredCodeException.builder(), "ExpiredCodeException", "expired"),
                        InvalidCodeException.class),
                Arguments.of(Step.CONFIRM, error(UserNotFoundException.builder(), "UserNotFoundException", "no user"),
                        InvalidCodeException.class),
                Arguments.of(Step.CONFIRM, error(InvalidPasswordException.builder(), "InvalidPasswordException",
                        "Password not long enough"), PasswordPolicyViolationException.class));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("stepErrors")
    void translate_readsEachStepsErrorsInItsOwnTerms(Step step, AwsServiceException sdk,
            Class<? extends CognitoException> expected) {
        CognitoException translated = AwsSignIn.translate(step, sdk);

        assertThat(translated).isExactlyInstanceOf(expected).hasCause(sdk);
        assertThat(translated.getMessage()).startsWith(step.operation + " failed: ");
    }

    @Test
    void translate_masksWhatTheCallSent_whenCognitoOrAnEmulatorEchoesIt() {
        CognitoException translated = AwsSignIn.translate(Step.MFA,
                notAuthorized("bad code 123456 for session AYABsession"), "123456", "AYABsession");

        assertThat(translated.getMessage()).doesNotContain("123456", "AYABsession").contains("bad code **** for session ****");
    }

    @Test
    void challengedUsername_prefersCognitosUserIdForSrp_thenMotosUsername_thenWhatWasGiven() {
        assertThat(AwsSignIn.challengedUsername(Map.of("USER_ID_FOR_SRP", "a", "USERNAME", "b"), "c")).isEqualTo("a");
        assertThat(AwsSignIn.challengedUsername(Map.of("USERNAME", "b"), "c")).isEqualTo("b");
        assertThat(AwsSignIn.challengedUsername(Map.of(), "c")).isEqualTo("c");
    }

    @Test
    void offersSoftwareToken_readsCognitosStringArray_motosScatteredArray_andAnAbsentList() {
        assertThat(AwsSignIn.offersSoftwareToken(Map.of("MFAS_CAN_SETUP", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"))).isTrue();
        assertThat(AwsSignIn.offersSoftwareToken(Map.of("MFAS_CAN_SETUP", "[", "SOFTWARE_TOKEN_MFA", "]"))).isTrue();
        assertThat(AwsSignIn.offersSoftwareToken(Map.of())).isTrue();
        assertThat(AwsSignIn.offersSoftwareToken(Map.of("MFAS_CAN_SETUP", "[\"SMS_MFA\"]"))).isFalse();
    }
}
