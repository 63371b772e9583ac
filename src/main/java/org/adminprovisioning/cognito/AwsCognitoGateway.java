package org.adminprovisioning.cognito;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryFailureException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The {@link CognitoGateway} over the AWS SDK for Java v2. With its sign-in half, {@link AwsSignIn},
 * the only code that talks to a {@link CognitoIdentityProviderClient}: it builds the requests, maps
 * the SDK's model to ours and every SDK exception to a {@link CognitoException}. The same class drives
 * a real pool, a local emulator, or the in-process pool of the default profile
 * ({@code inmemory.InMemoryUserPool}).
 */
public class AwsCognitoGateway implements CognitoGateway {

    static final int PAGE_SIZE = 60;

    private final CognitoIdentityProviderClient client;
    private final CognitoProperties pool;
    private final AwsSignIn signIn;
    private final PoolPasswordPolicy passwordPolicy;
    private final CognitoCalls calls;

    /** A gateway whose calls are neither paced nor retried: for a single caller, or a client that paces itself. */
    public AwsCognitoGateway(CognitoIdentityProviderClient client, CognitoProperties pool) {
        this(client, pool, CognitoCalls.unpaced());
    }

    /** A gateway whose every call goes through {@code calls}: paced under the account's quotas, and counted. */
    public AwsCognitoGateway(CognitoIdentityProviderClient client, CognitoProperties pool, CognitoCalls calls) {
        this.client = client;
        this.pool = pool;
        this.calls = calls;
        this.signIn = new AwsSignIn(client, pool, this::secretHash, calls);
        this.passwordPolicy = new PoolPasswordPolicy(() -> call("DescribeUserPool",
                () -> client.describeUserPool(r -> r.userPoolId(pool.userPoolId())).userPool()));
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
        return signIn.signIn(username, password);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code username} must be {@link SignInResult.NewPasswordRequired#username()}: the
     * {@code SECRET_HASH}, when the client has a secret, is computed over it, as Cognito requires
     * for {@code RespondToAuthChallenge}.
     */
    @Override
    public SignInResult respondToNewPasswordChallenge(String username, String session, String newPassword) {
        return signIn.respondToNewPasswordChallenge(username, session, newPassword);
    }

    @Override
    public AuthTokens completeMfaSetup(String username, String session, String code) {
        return signIn.completeMfaSetup(username, session, code);
    }

    @Override
    public AuthTokens respondToMfaChallenge(String username, String session, String code) {
        return signIn.respondToMfaChallenge(username, session, code);
    }

    @Override
    public AuthTokens refreshTokens(String username, String refreshToken) {
        return signIn.refreshTokens(username, refreshToken);
    }

    @Override
    public void forgotPassword(String username) {
        signIn.forgotPassword(username);
    }

    @Override
    public void confirmForgotPassword(String username, String code, String newPassword) {
        signIn.confirmForgotPassword(username, code, newPassword);
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

    @Override
    public PoolDescription describePool() {
        return call("DescribeUserPool", () -> {
            try {
                var pool = client.describeUserPool(r -> r.userPoolId(this.pool.userPoolId())).userPool();
                return new PoolDescription(pool.id(), pool.name(),
                        pool.estimatedNumberOfUsers() == null ? 0 : pool.estimatedNumberOfUsers());
            } catch (ResourceNotFoundException | NotAuthorizedException e) {
                // No such pool, or credentials that may not see it: configuration, not the caller's doing.
                throw new CognitoUnavailableException("DescribeUserPool failed: " + CognitoErrors.describe(e), e);
            }
        });
    }

    /** {@inheritDoc} Read with {@code DescribeUserPool} and kept for {@link PoolPasswordPolicy#KEPT_FOR}. */
    @Override
    public PasswordPolicy passwordPolicy() {
        return passwordPolicy.get();
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

    private <T> T call(String operation, Supplier<T> action) {
        try {
            return calls.call(operation, action);
        } catch (SdkException e) {
            throw CognitoErrors.translate(operation, e);
        }
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

    static AuthTokens toTokens(AuthenticationResultType result) {
        // Some emulators leave ExpiresIn and TokenType out; Cognito always sends 3600 and "Bearer".
        int expiresIn = result.expiresIn() == null ? 3600 : result.expiresIn();
        String tokenType = result.tokenType() == null ? "Bearer" : result.tokenType();
        return new AuthTokens(result.accessToken(), result.idToken(), result.refreshToken(), expiresIn, tokenType);
    }
}
