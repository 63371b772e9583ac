package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryFailureException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidUserPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyFailedAttemptsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * {@link AwsCognitoGateway} against a mocked SDK client: every SDK exception it can meet becomes
 * the port's exception, and the emulators' and real pools' quirks are absorbed. Exceptions and
 * responses are the SDK's own model objects, built as the SDK builds them from the wire.
 */
class AwsCognitoGatewayTests {

    private static final CognitoProperties POOL = new CognitoProperties("eu-west-1_Pool", "client-1", "", "eu-west-1",
            "admins", null, "", "", java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(3), 1,
            java.time.Duration.ofDays(7));

    private CognitoIdentityProviderClient client;
    private AwsCognitoGateway gateway;

    @BeforeEach
    void setUp() {
        // The SDK's Consumer<Builder> overloads are default methods that build the request and call
        // the request overload: let them run, stub only the request overloads.
        client = mock(CognitoIdentityProviderClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
        gateway = new AwsCognitoGateway(client, POOL);
    }

    static <B extends AwsServiceException.Builder> AwsServiceException error(B builder, String code, int status) {
        return builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message")
                        .serviceName("CognitoIdentityProvider").build())
                .message(code + " message")
                .build();
    }

    static Stream<Arguments> sdkExceptions() {
        return Stream.of(
                Arguments.of(error(UsernameExistsException.builder(), "UsernameExistsException", 400),
                        AdminAlreadyExistsInCognitoException.class),
                Arguments.of(error(AliasExistsException.builder(), "AliasExistsException", 400),
                        AdminAlreadyExistsInCognitoException.class),
                Arguments.of(error(UserNotFoundException.builder(), "UserNotFoundException", 400),
                        CognitoUserNotFoundException.class),
                Arguments.of(error(NotAuthorizedException.builder(), "NotAuthorizedException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(error(PasswordResetRequiredException.builder(), "PasswordResetRequiredException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(error(UserNotConfirmedException.builder(), "UserNotConfirmedException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(error(ExpiredCodeException.builder(), "ExpiredCodeException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(error(TooManyFailedAttemptsException.builder(), "TooManyFailedAttemptsException", 400),
                        InvalidCredentialsException.class),
                Arguments.of(error(InvalidPasswordException.builder(), "InvalidPasswordException", 400),
                        PasswordPolicyViolationException.class),
                Arguments.of(error(InvalidParameterException.builder(), "InvalidParameterException", 400),
                        InvalidInviteException.class),
                Arguments.of(error(UnsupportedUserStateException.builder(), "UnsupportedUserStateException", 400),
                        InvalidInviteException.class),
                Arguments.of(error(TooManyRequestsException.builder(), "TooManyRequestsException", 400),
                        CognitoThrottledException.class),
                Arguments.of(error(LimitExceededException.builder(), "LimitExceededException", 400),
                        CognitoThrottledException.class),
                // An error code this SDK version has no class for, but the SDK knows is throttling.
                Arguments.of(error(CognitoIdentityProviderException.builder(), "ThrottlingException", 400),
                        CognitoThrottledException.class),
                Arguments.of(error(CognitoIdentityProviderException.builder(), "SomethingNew", 429),
                        CognitoThrottledException.class),
                Arguments.of(error(InternalErrorException.builder(), "InternalErrorException", 500),
                        CognitoUnavailableException.class),
                // cognito-local's answer to an operation it does not implement.
                Arguments.of(error(CognitoIdentityProviderException.builder(), "CognitoLocal#Unsupported", 500),
                        CognitoUnavailableException.class),
                Arguments.of(error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400),
                        CognitoUnavailableException.class),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Connection refused"),
                        CognitoUnavailableException.class),
                Arguments.of(ApiCallTimeoutException.create(10_000), CognitoUnavailableException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("sdkExceptions")
    void translate_mapsEverySdkExceptionToThePortsException(SdkException sdk, Class<? extends CognitoException> expected) {
        CognitoException translated = CognitoErrors.translate("AdminCreateUser", sdk);

        assertThat(translated).isExactlyInstanceOf(expected).hasCause(sdk);
        assertThat(translated.getMessage()).startsWith("AdminCreateUser failed: ");
    }

    @Test
    void translate_keepsErrorCodeAndStatusInTheMessage() {
        CognitoException translated = CognitoErrors.translate("AdminGetUser",
                error(TooManyRequestsException.builder(), "TooManyRequestsException", 400));

        assertThat(translated.getMessage())
                .isEqualTo("AdminGetUser failed: TooManyRequestsException (400): TooManyRequestsException message");
    }

    static Stream<Arguments> signInExceptions() {
        return Stream.of(
                Arguments.of("InitiateAuth", error(UserNotFoundException.builder(), "UserNotFoundException", 400),
                        InvalidCredentialsException.class),
                Arguments.of("InitiateAuth", error(InvalidPasswordException.builder(), "InvalidPasswordException", 400),
                        InvalidCredentialsException.class),
                Arguments.of("InitiateAuth", error(NotAuthorizedException.builder(), "NotAuthorizedException", 400),
                        InvalidCredentialsException.class),
                Arguments.of("InitiateAuth", error(InvalidParameterException.builder(), "InvalidParameterException", 400),
                        CognitoUnavailableException.class),
                Arguments.of("InitiateAuth", error(InvalidUserPoolConfigurationException.builder(),
                        "InvalidUserPoolConfigurationException", 400), CognitoUnavailableException.class),
                Arguments.of("RespondToAuthChallenge",
                        error(InvalidPasswordException.builder(), "InvalidPasswordException", 400),
                        PasswordPolicyViolationException.class),
                Arguments.of("RespondToAuthChallenge",
                        error(UserNotFoundException.builder(), "UserNotFoundException", 400),
                        InvalidCredentialsException.class),
                Arguments.of("RespondToAuthChallenge",
                        error(TooManyRequestsException.builder(), "TooManyRequestsException", 400),
                        CognitoThrottledException.class));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("signInExceptions")
    void translateAuth_answersThePersonSigningIn_notTheAdmin(String operation, SdkException sdk,
            Class<? extends CognitoException> expected) {
        assertThat(CognitoErrors.translateAuth(operation, sdk)).isExactlyInstanceOf(expected).hasCause(sdk);
    }

    @Test
    void createAdminUser_sendsEmailVerifiedTemporaryPasswordAndEmailDelivery() {
        doReturn(AdminCreateUserResponse.builder().user(user("3f0c7a52-uuid", "ann@example.com",
                UserStatusType.FORCE_CHANGE_PASSWORD)).build()).when(client).adminCreateUser(any(AdminCreateUserRequest.class));

        CognitoUser created = gateway.createAdminUser("ann@example.com", "Temp-Pass-123a");

        ArgumentCaptor<AdminCreateUserRequest> request = ArgumentCaptor.forClass(AdminCreateUserRequest.class);
        verify(client).adminCreateUser(request.capture());
        assertThat(request.getValue().userPoolId()).isEqualTo("eu-west-1_Pool");
        assertThat(request.getValue().username()).isEqualTo("ann@example.com");
        assertThat(request.getValue().temporaryPassword()).isEqualTo("Temp-Pass-123a");
        assertThat(request.getValue().desiredDeliveryMediums()).containsExactly(DeliveryMediumType.EMAIL);
        assertThat(request.getValue().messageAction()).isNull();
        assertThat(request.getValue().userAttributes()).extracting(a -> a.name() + "=" + a.value())
                .containsExactly("email=ann@example.com", "email_verified=true");
        assertThat(created.username()).isEqualTo("3f0c7a52-uuid");
        assertThat(created.sub()).isEqualTo("sub-3f0c7a52-uuid");
        assertThat(created.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void createAdminUser_turnsARefusedPasswordOrParameterOrDeliveryIntoAnInvalidInvite() {
        for (AwsServiceException refusal : new AwsServiceException[] {
                error(InvalidPasswordException.builder(), "InvalidPasswordException", 400),
                error(InvalidParameterException.builder(), "InvalidParameterException", 400),
                error(CodeDeliveryFailureException.builder(), "CodeDeliveryFailureException", 400) }) {
            doThrow(refusal).when(client).adminCreateUser(any(AdminCreateUserRequest.class));

            assertThatThrownBy(() -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a"))
                    .isInstanceOf(InvalidInviteException.class).hasCause(refusal);
        }
    }

    @Test
    void createAdminUser_saysTheInvitationWasNotDelivered_whenCognitoKeptTheUserButCouldNotEmailIt() {
        AwsServiceException undelivered = error(CodeDeliveryFailureException.builder(), "CodeDeliveryFailureException", 400);
        doThrow(undelivered).when(client).adminCreateUser(any(AdminCreateUserRequest.class));

        assertThatThrownBy(() -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a"))
                .isInstanceOf(InviteNotDeliveredException.class).hasCause(undelivered);
    }

    @Test
    void findUser_isEmpty_whenAdminGetUserKnowsNoSuchUser_andNeverSearchesTheEmailAttribute() {
        doThrow(error(UserNotFoundException.builder(), "UserNotFoundException", 400))
                .when(client).adminGetUser(any(AdminGetUserRequest.class));

        assertThat(gateway.findUser("ann@example.com")).isEmpty();

        verify(client, never()).listUsers(any(ListUsersRequest.class));
    }

    @Test
    void findUser_isEmpty_forAnUnknownUsername_withoutListingThePool() {
        doThrow(error(UserNotFoundException.builder(), "UserNotFoundException", 400))
                .when(client).adminGetUser(any(AdminGetUserRequest.class));

        assertThat(gateway.findUser("3f0c7a52-uuid")).isEmpty();
        verify(client, never()).listUsers(any(ListUsersRequest.class));
    }

    @Test
    void findUser_resolvesTheEmailOfAnEmailAsUsernamePool_toItsUuidUsername() {
        doReturn(AdminGetUserResponse.builder().username("3f0c7a52-uuid")
                .userAttributes(AwsCognitoGateway.attribute("email", "Ann@Example.com"),
                        AwsCognitoGateway.attribute("sub", "sub-1"))
                .userStatus(UserStatusType.FORCE_CHANGE_PASSWORD).enabled(true).build())
                .when(client).adminGetUser(any(AdminGetUserRequest.class));

        CognitoUser user = gateway.findUser("ann@example.com").orElseThrow();

        assertThat(user.username()).isEqualTo("3f0c7a52-uuid");
        assertThat(user.email()).isEqualTo("ann@example.com");
        assertThat(user.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void deleteUser_isIdempotent_whenTheUserIsAlreadyGone() {
        doThrow(error(UserNotFoundException.builder(), "UserNotFoundException", 400))
                .when(client).adminDeleteUser(any(AdminDeleteUserRequest.class));

        gateway.deleteUser("ann");

        verify(client).adminDeleteUser(any(AdminDeleteUserRequest.class));
    }

    @Test
    void signIn_takesTheChallengedUsernameFromUserIdForSrp_asCognitoSendsIt() {
        stubChallenge(Map.of("USER_ID_FOR_SRP", "3f0c7a52-uuid", "requiredAttributes", "[]"));

        assertThat(gateway.signIn("ann@example.com", "Temp-Pass-123a"))
                .isEqualTo(new SignInResult.NewPasswordRequired("3f0c7a52-uuid", "session-1"));
    }

    @Test
    void signIn_takesTheChallengedUsernameFromUsername_asMotoSendsIt() {
        stubChallenge(Map.of("USERNAME", "3f0c7a52-uuid"));

        assertThat(gateway.signIn("ann@example.com", "Temp-Pass-123a"))
                .isEqualTo(new SignInResult.NewPasswordRequired("3f0c7a52-uuid", "session-1"));
    }

    @Test
    void signIn_keepsTheTypedUsername_whenTheChallengeNamesNoUser() {
        stubChallenge(Map.of());

        assertThat(gateway.signIn("ann@example.com", "Temp-Pass-123a"))
                .isEqualTo(new SignInResult.NewPasswordRequired("ann@example.com", "session-1"));
    }

    @Test
    void signIn_sendsUserPasswordAuth_withoutSecretHash_whenTheClientHasNoSecret() {
        stubChallenge(Map.of());

        gateway.signIn("ann@example.com", "Temp-Pass-123a");

        ArgumentCaptor<InitiateAuthRequest> request = ArgumentCaptor.forClass(InitiateAuthRequest.class);
        verify(client).initiateAuth(request.capture());
        assertThat(request.getValue().authFlowAsString()).isEqualTo("USER_PASSWORD_AUTH");
        assertThat(request.getValue().clientId()).isEqualTo("client-1");
        assertThat(request.getValue().authParameters()).containsOnlyKeys("USERNAME", "PASSWORD");
    }

    @Test
    void respondToNewPasswordChallenge_fillsInExpiresInAndTokenType_whenTheEmulatorLeavesThemOut() {
        doReturn(RespondToAuthChallengeResponse.builder().authenticationResult(AuthenticationResultType.builder()
                .accessToken("access").idToken("id").refreshToken("refresh").build()).build())
                .when(client).respondToAuthChallenge(any(RespondToAuthChallengeRequest.class));

        AuthTokens tokens = ((SignInResult.Authenticated) gateway.respondToNewPasswordChallenge("3f0c7a52-uuid",
                "session-1", "Strong-Pass-456b")).tokens();

        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        ArgumentCaptor<RespondToAuthChallengeRequest> request = ArgumentCaptor.forClass(RespondToAuthChallengeRequest.class);
        verify(client).respondToAuthChallenge(request.capture());
        assertThat(request.getValue().challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(request.getValue().session()).isEqualTo("session-1");
        assertThat(request.getValue().challengeResponses())
                .containsExactlyInAnyOrderEntriesOf(Map.of("USERNAME", "3f0c7a52-uuid", "NEW_PASSWORD", "Strong-Pass-456b"));
    }

    @Test
    void listAdminGroupUsers_asksOnePageOfTheAdminGroup_andPassesTheTokenOn() {
        doReturn(ListUsersInGroupResponse.builder().users(user("ann", "ann@example.com", UserStatusType.CONFIRMED))
                .nextToken("page-3").build()).when(client).listUsersInGroup(any(ListUsersInGroupRequest.class));

        CognitoUserPage page = gateway.listAdminGroupUsers("page-2");

        ArgumentCaptor<ListUsersInGroupRequest> request = ArgumentCaptor.forClass(ListUsersInGroupRequest.class);
        verify(client).listUsersInGroup(request.capture());
        assertThat(request.getValue().groupName()).isEqualTo("admins");
        assertThat(request.getValue().limit()).isEqualTo(AwsCognitoGateway.PAGE_SIZE);
        assertThat(request.getValue().nextToken()).isEqualTo("page-2");
        assertThat(page.nextToken()).isEqualTo("page-3");
        assertThat(page.users()).extracting(CognitoUser::username).containsExactly("ann");
    }

    @Test
    void secretHash_isTheBase64HmacOfUsernameAndClientId_underTheClientSecret() {
        CognitoProperties withSecret = new CognitoProperties("eu-west-1_Pool", "client-1", "s3cr3t", "eu-west-1",
                "admins", null, "", "", java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(3), 1,
                java.time.Duration.ofDays(7));

        // Reference value: printf 'annclient-1' | openssl dgst -sha256 -hmac s3cr3t -binary | base64
        assertThat(new AwsCognitoGateway(client, withSecret).secretHash("ann"))
                .contains("nIsNMr5v4m9ZwE1cpPin+469w0xEscmlFJNMrt4EHjQ=");
        assertThat(gateway.secretHash("ann")).isEmpty();
    }

    private void stubChallenge(Map<String, String> parameters) {
        doReturn(InitiateAuthResponse.builder().challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session("session-1").challengeParameters(parameters).build())
                .when(client).initiateAuth(any(InitiateAuthRequest.class));
    }

    private static UserType user(String username, String email, UserStatusType status) {
        return UserType.builder().username(username)
                .attributes(AwsCognitoGateway.attribute("email", email),
                        AwsCognitoGateway.attribute("sub", "sub-" + username))
                .userStatus(status).enabled(true).userCreateDate(Instant.parse("2025-01-01T00:00:00Z"))
                .userLastModifiedDate(Instant.parse("2025-01-01T00:00:00Z")).build();
    }
}
