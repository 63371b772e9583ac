package org.adminprovisioning.cognito;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryFailureException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidUserPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyFailedAttemptsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The {@link CognitoGateway} over the AWS SDK for Java v2. The only class that talks to a
 * {@link CognitoIdentityProviderClient}: it builds the requests, maps the SDK's model to ours and
 * every SDK exception to a {@link CognitoException}. The same class drives a real pool, a local
 * emulator, or the in-process pool of the default profile ({@code inmemory.InMemoryUserPool}).
 */
public class AwsCognitoGateway implements CognitoGateway {

    static final int PAGE_SIZE = 60;

    private final CognitoIdentityProviderClient client;
    private final CognitoProperties pool;

    public AwsCognitoGateway(CognitoIdentityProviderClient client, CognitoProperties pool) {
        this.client = client;
        this.pool = pool;
    }

    @Override
    public CognitoUser createAdminUser(String email, String temporaryPassword) {
        return call("AdminCreateUser", () -> {
            try {
                UserType user = client.adminCreateUser(r -> r.userPoolId(pool.userPoolId())
                        .username(email)
                        .temporaryPassword(temporaryPassword)
                        .userAttributes(attribute("email", email), attribute("email_verified", "true"))
                        .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user();
                return toCognitoUser(user);
            } catch (CodeDeliveryFailureException e) {
                // Cognito keeps the user it created although the email could not be sent.
                throw new InviteNotDeliveredException("Cognito created the user but could not deliver the invitation: "
                        + e.awsErrorDetails().errorMessage(), e);
            } catch (InvalidPasswordException | InvalidParameterException e) {
                throw new InvalidInviteException("Cognito refused the invitation: " + e.awsErrorDetails().errorMessage(), e);
            }
        });
    }

    @Override
    public void addToAdminGroup(String username) {
        call("AdminAddUserToGroup", () -> client.adminAddUserToGroup(r -> r.userPoolId(pool.userPoolId())
                .username(username)
                .groupName(pool.adminGroup())));
    }

    @Override
    public Optional<CognitoUser> findUser(String username) {
        return call("AdminGetUser", () -> {
            try {
                return Optional.of(toCognitoUser(client.adminGetUser(r -> r.userPoolId(pool.userPoolId())
                        .username(username))));
            } catch (UserNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean isInAdminGroup(String username) {
        return call("AdminListGroupsForUser", () -> {
            String nextToken = null;
            do {
                String token = nextToken;
                var page = client.adminListGroupsForUser(r -> r.userPoolId(pool.userPoolId()).username(username)
                        .limit(PAGE_SIZE).nextToken(token));
                if (page.groups().stream().anyMatch(group -> pool.adminGroup().equals(group.groupName()))) {
                    return true;
                }
                nextToken = page.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
            return false;
        });
    }

    @Override
    public void disableUser(String username) {
        call("AdminDisableUser", () -> client.adminDisableUser(r -> r.userPoolId(pool.userPoolId()).username(username)));
    }

    @Override
    public void enableUser(String username) {
        call("AdminEnableUser", () -> client.adminEnableUser(r -> r.userPoolId(pool.userPoolId()).username(username)));
    }

    @Override
    public void signOutEverywhere(String username) {
        call("AdminUserGlobalSignOut", () -> client.adminUserGlobalSignOut(r -> r.userPoolId(pool.userPoolId())
                .username(username)));
    }

    @Override
    public void deleteUser(String username) {
        call("AdminDeleteUser", () -> {
            try {
                client.adminDeleteUser(r -> r.userPoolId(pool.userPoolId()).username(username));
            } catch (UserNotFoundException alreadyGone) {
                // Idempotent by contract: a compensation retried after a lost answer must succeed.
            }
            return null;
        });
    }

    @Override
    public CognitoUser resendInvite(String username, String temporaryPassword) {
        return call("AdminCreateUser(RESEND)", () -> {
            try {
                return toCognitoUser(client.adminCreateUser(r -> r.userPoolId(pool.userPoolId())
                        .username(username)
                        .temporaryPassword(temporaryPassword)
                        .messageAction(MessageActionType.RESEND)
                        .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user());
            } catch (InvalidPasswordException | InvalidParameterException | UnsupportedUserStateException e) {
                throw new InvalidInviteException("Cognito refused to resend the invitation: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
        });
    }

    @Override
    public SignInResult signIn(String username, String password) {
        return authCall("InitiateAuth", () -> {
            Map<String, String> parameters = new HashMap<>();
            parameters.put("USERNAME", username);
            parameters.put("PASSWORD", password);
            secretHash(username).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
            InitiateAuthResponse response = client.initiateAuth(r -> r.clientId(pool.clientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(parameters));
            if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
                return new SignInResult.NewPasswordRequired(challengedUsername(response, username), response.session());
            }
            if (response.authenticationResult() == null) {
                throw new CognitoUnavailableException("Cognito answered with an unsupported challenge: "
                        + response.challengeNameAsString(), null);
            }
            return new SignInResult.Authenticated(toTokens(response.authenticationResult()));
        });
    }

    /**
     * The pool's own username for the challenged user: the one {@code RespondToAuthChallenge} (and
     * its {@code SECRET_HASH}) must use. Cognito sends it as {@code USER_ID_FOR_SRP} (a UUID when
     * the admin signed in with the email of an email-as-username pool); moto sends
     * {@code USERNAME} instead. Only when neither is there is the name the user typed kept.
     */
    static String challengedUsername(InitiateAuthResponse response, String typed) {
        Map<String, String> parameters = response.challengeParameters();
        String username = parameters.get("USER_ID_FOR_SRP");
        if (username == null || username.isBlank()) {
            username = parameters.get("USERNAME");
        }
        return username == null || username.isBlank() ? typed : username;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code username} must be {@link SignInResult.NewPasswordRequired#username()}: the
     * {@code SECRET_HASH}, when the client has a secret, is computed over it, as Cognito requires
     * for {@code RespondToAuthChallenge}.
     */
    @Override
    public AuthTokens respondToNewPasswordChallenge(String username, String session, String newPassword) {
        return authCall("RespondToAuthChallenge", () -> {
            Map<String, String> responses = new HashMap<>();
            responses.put("USERNAME", username);
            responses.put("NEW_PASSWORD", newPassword);
            secretHash(username).ifPresent(hash -> responses.put("SECRET_HASH", hash));
            RespondToAuthChallengeResponse response = client.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                    .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                    .session(session)
                    .challengeResponses(responses));
            if (response.authenticationResult() == null) {
                throw new CognitoUnavailableException("Cognito answered with a further challenge: "
                        + response.challengeNameAsString(), null);
            }
            return toTokens(response.authenticationResult());
        });
    }

    @Override
    public CognitoUserPage listAdminGroupUsers(String nextToken) {
        return call("ListUsersInGroup", () -> {
            var response = client.listUsersInGroup(r -> r.userPoolId(pool.userPoolId())
                    .groupName(pool.adminGroup())
                    .limit(PAGE_SIZE)
                    .nextToken(nextToken));
            return new CognitoUserPage(response.users().stream().map(AwsCognitoGateway::toCognitoUser).toList(),
                    response.nextToken());
        });
    }

    /** {@code SECRET_HASH} = Base64(HMAC-SHA256(clientSecret, username + clientId)), when the client has a secret. */
    Optional<String> secretHash(String username) {
        if (!pool.hasClientSecret()) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pool.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((username + pool.clientId()).getBytes(StandardCharsets.UTF_8));
            return Optional.of(Base64.getEncoder().encodeToString(digest));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private void call(String operation, Runnable action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    /**
     * {@link #call} for the sign-in operations, which answer the person signing in rather than an
     * admin: an unknown user is a failed sign-in like a wrong password (as Cognito itself answers
     * with user-existence errors prevented), an {@code InvalidPasswordException} from
     * {@code InitiateAuth} is a wrong password (Cognito never sends it there; cognito-local does),
     * and a refused parameter means our app client is misconfigured (e.g.
     * {@code USER_PASSWORD_AUTH} not enabled), not that the user typed something wrong.
     */
    private static <T> T authCall(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw translateAuth(operation, e);
        }
    }

    static CognitoException translateAuth(String operation, SdkException e) {
        String message = operation + " failed: " + describe(e);
        if (e instanceof UserNotFoundException
                || (e instanceof InvalidPasswordException && "InitiateAuth".equals(operation))) {
            return new InvalidCredentialsException(message, e);
        }
        if (e instanceof InvalidParameterException || e instanceof InvalidUserPoolConfigurationException
                || e instanceof ResourceNotFoundException) {
            return new CognitoUnavailableException(message + " (check the app client's configuration)", e);
        }
        return translate(operation, e);
    }

    /** Every SDK exception becomes one of ours; the SDK's message is kept, it never carries a password. */
    static CognitoException translate(String operation, SdkException e) {
        String message = operation + " failed: " + describe(e);
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

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (" + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        if (e instanceof SdkClientException) {
            return "client error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static CognitoUser toCognitoUser(UserType user) {
        return toCognitoUser(user.username(), user.attributes(), user.userStatusAsString(), user.enabled(),
                user.userCreateDate(), user.userLastModifiedDate());
    }

    private static CognitoUser toCognitoUser(AdminGetUserResponse user) {
        return toCognitoUser(user.username(), user.userAttributes(), user.userStatusAsString(), user.enabled(),
                user.userCreateDate(), user.userLastModifiedDate());
    }

    private static CognitoUser toCognitoUser(String username, List<AttributeType> attributes, String status,
            Boolean enabled, Instant createdAt, Instant modifiedAt) {
        Map<String, String> byName = new HashMap<>();
        attributes.forEach(a -> byName.put(a.name(), a.value()));
        String email = byName.get("email");
        return new CognitoUser(username, byName.get("sub"), email == null ? null : email.toLowerCase(),
                CognitoUserStatus.fromWire(status), enabled == null || enabled, createdAt, modifiedAt);
    }

    private static AuthTokens toTokens(AuthenticationResultType result) {
        // Some emulators leave ExpiresIn and TokenType out; Cognito always sends 3600 and "Bearer".
        int expiresIn = result.expiresIn() == null ? 3600 : result.expiresIn();
        String tokenType = result.tokenType() == null ? "Bearer" : result.tokenType();
        return new AuthTokens(result.accessToken(), result.idToken(), result.refreshToken(), expiresIn, tokenType);
    }
}
