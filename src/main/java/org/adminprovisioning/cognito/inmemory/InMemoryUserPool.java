package org.adminprovisioning.cognito.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.inmemory.InMemoryPoolProperties.Mfa;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUserGlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUserGlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;

/**
 * A Cognito user pool that lives in this JVM and speaks the SDK's own request, response and
 * exception types, so that {@link AwsCognitoGateway} drives it exactly as it drives a real pool.
 * Like a pool whose sign-in attribute is the email: usernames are UUIDs, the email is an alias.
 * It keeps Cognito's password policy, the temporary password's validity, the
 * {@code FORCE_CHANGE_PASSWORD → CONFIRMED} transition and the users' groups; its sign-in half,
 * {@link PoolAuthentication}, keeps the challenges, software-token MFA and refresh tokens, and signs
 * tokens with {@link InMemoryTokenIssuer}; {@link PoolPasswordResets} keeps the password resets. Its
 * emails go to an {@link InMemoryOutbox}.
 *
 * <p>Thread-safe: every operation holds the pool's lock, as Cognito serializes writes to a user.
 */
public class InMemoryUserPool implements CognitoIdentityProviderClient {

    private final CognitoProperties settings;
    private final PasswordPolicy policy;
    private final InMemoryOutbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final PoolDirectory users = new PoolDirectory();
    private final PoolAuthentication authentication;
    private final PoolPasswordResets passwordResets;

    /** A pool without MFA ({@code cognito.in-memory.mfa=OFF}). */
    public InMemoryUserPool(CognitoProperties settings, PasswordPolicy policy, InMemoryTokenIssuer tokens,
            InMemoryOutbox outbox, Clock clock) {
        this(settings, policy, tokens, outbox, clock, Mfa.OFF);
    }

    public InMemoryUserPool(CognitoProperties settings, PasswordPolicy policy, InMemoryTokenIssuer tokens,
            InMemoryOutbox outbox, Clock clock, Mfa mfa) {
        this.settings = settings;
        this.policy = policy;
        this.outbox = outbox;
        this.clock = clock;
        this.authentication = new PoolAuthentication(settings, policy, tokens, clock, mfa, users::lookup, random);
        this.passwordResets = new PoolPasswordResets(settings, policy, outbox, clock, users::lookup, random);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public AdminCreateUserResponse adminCreateUser(AdminCreateUserRequest request) {
        checkPool(request.userPoolId());
        if (request.messageAction() == MessageActionType.RESEND) {
            return resend(request);
        }
        String email = attributeValue(request.userAttributes(), "email").orElse(request.username());
        if (email == null || !email.contains("@") || !email.equalsIgnoreCase(request.username())) {
            throw error(InvalidParameterException.builder(), "InvalidParameterException",
                    "Username should be an email.");
        }
        // Random ids, the policy check and the password's hash need no lock: done before taking it,
        // so that concurrent creations wait for each other only while the indexes change.
        String temporary = temporaryPasswordOf(request);
        String username = UUID.randomUUID().toString();
        String sub = UUID.randomUUID().toString();
        boolean emailVerified = attributeValue(request.userAttributes(), "email_verified").map(Boolean::parseBoolean)
                .orElse(false);
        Instant now = clock.instant();
        PoolUser user;
        UserType created;
        synchronized (this) {
            if (users.lookup(email).isPresent()) {
                throw error(UsernameExistsException.builder(), "UsernameExistsException",
                        "An account with the given email already exists.");
            }
            user = users.add(username, sub, email, now);
            user.emailVerified = emailVerified;
            user.setPassword(temporary, now.plus(settings.temporaryPasswordValidity()));
            created = user.toUserType();
        }
        if (request.messageAction() != MessageActionType.SUPPRESS) {
            invite(user, temporary); // the outbox has a lock of its own; the fields read here never change
        }
        return AdminCreateUserResponse.builder().user(created).build();
    }

    private synchronized AdminCreateUserResponse resend(AdminCreateUserRequest request) {
        PoolUser user = require(request.username());
        if (user.status != UserStatusType.FORCE_CHANGE_PASSWORD) {
            throw error(UnsupportedUserStateException.builder(), "UnsupportedUserStateException",
                    "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD.");
        }
        String temporary = temporaryPasswordOf(request);
        user.setPassword(temporary, clock.instant().plus(settings.temporaryPasswordValidity()));
        user.modifiedAt = clock.instant();
        invite(user, temporary);
        return AdminCreateUserResponse.builder().user(user.toUserType()).build();
    }

    @Override
    public synchronized AdminSetUserPasswordResponse adminSetUserPassword(AdminSetUserPasswordRequest request) {
        checkPool(request.userPoolId());
        PoolUser user = require(request.username());
        checkPolicy(request.password());
        if (Boolean.TRUE.equals(request.permanent())) {
            user.setPassword(request.password(), null);
            user.status = UserStatusType.CONFIRMED;
        } else {
            user.setPassword(request.password(), clock.instant().plus(settings.temporaryPasswordValidity()));
            user.status = UserStatusType.FORCE_CHANGE_PASSWORD;
        }
        user.modifiedAt = clock.instant();
        return AdminSetUserPasswordResponse.builder().build();
    }

    @Override
    public synchronized AdminAddUserToGroupResponse adminAddUserToGroup(AdminAddUserToGroupRequest request) {
        checkPool(request.userPoolId());
        if (!settings.adminGroup().equals(request.groupName())) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", "Group not found.");
        }
        users.addToGroup(require(request.username()), request.groupName());
        return AdminAddUserToGroupResponse.builder().build();
    }

    @Override
    public synchronized AdminGetUserResponse adminGetUser(AdminGetUserRequest request) {
        checkPool(request.userPoolId());
        UserType user = require(request.username()).toUserType();
        return AdminGetUserResponse.builder()
                .username(user.username())
                .userAttributes(user.attributes())
                .userCreateDate(user.userCreateDate())
                .userLastModifiedDate(user.userLastModifiedDate())
                .enabled(user.enabled())
                .userStatus(user.userStatus())
                .build();
    }

    @Override
    public synchronized AdminDisableUserResponse adminDisableUser(AdminDisableUserRequest request) {
        checkPool(request.userPoolId());
        PoolUser user = require(request.username());
        user.enabled = false;
        user.modifiedAt = clock.instant();
        return AdminDisableUserResponse.builder().build();
    }

    @Override
    public synchronized AdminEnableUserResponse adminEnableUser(AdminEnableUserRequest request) {
        checkPool(request.userPoolId());
        PoolUser user = require(request.username());
        user.enabled = true;
        user.modifiedAt = clock.instant();
        return AdminEnableUserResponse.builder().build();
    }

    /** Revokes the user's refresh tokens: every one issued before now stops working. */
    @Override
    public synchronized AdminUserGlobalSignOutResponse adminUserGlobalSignOut(AdminUserGlobalSignOutRequest request) {
        checkPool(request.userPoolId());
        require(request.username()).signedOutAt = clock.instant();
        return AdminUserGlobalSignOutResponse.builder().build();
    }

    @Override
    public synchronized AdminListGroupsForUserResponse adminListGroupsForUser(AdminListGroupsForUserRequest request) {
        checkPool(request.userPoolId());
        List<GroupType> groups = require(request.username()).groups.stream()
                .map(name -> GroupType.builder().groupName(name).userPoolId(settings.userPoolId()).build())
                .toList();
        return AdminListGroupsForUserResponse.builder().groups(groups).build();
    }

    /** Pages through every user, or answers an exact {@code email}, {@code sub} or {@code username} filter. */
    @Override
    public synchronized ListUsersResponse listUsers(ListUsersRequest request) {
        checkPool(request.userPoolId());
        return users.list(request.filter(), request.limit(), request.paginationToken(),
                (page, next) -> ListUsersResponse.builder().users(page).paginationToken(next).build());
    }

    @Override
    public synchronized ListUsersInGroupResponse listUsersInGroup(ListUsersInGroupRequest request) {
        checkPool(request.userPoolId());
        return users.listGroup(request.groupName(), request.limit(), request.nextToken(),
                (page, next) -> ListUsersInGroupResponse.builder().users(page).nextToken(next).build());
    }

    @Override
    public synchronized AdminDeleteUserResponse adminDeleteUser(AdminDeleteUserRequest request) {
        checkPool(request.userPoolId());
        users.remove(require(request.username()));
        return AdminDeleteUserResponse.builder().build();
    }

    /** The pool as {@code DescribeUserPool} shows it: id, a name, the user count and the password policy. */
    @Override
    public synchronized DescribeUserPoolResponse describeUserPool(DescribeUserPoolRequest request) {
        checkPool(request.userPoolId());
        return DescribeUserPoolResponse.builder().userPool(UserPoolType.builder()
                .id(settings.userPoolId())
                .name("in-memory pool")
                .estimatedNumberOfUsers(users.size())
                .policies(UserPoolPolicyType.builder().passwordPolicy(PasswordPolicyType.builder()
                        .minimumLength(policy.minimumLength())
                        .requireUppercase(policy.requireUppercase())
                        .requireLowercase(policy.requireLowercase())
                        .requireNumbers(policy.requireNumbers())
                        .requireSymbols(policy.requireSymbols())
                        .temporaryPasswordValidityDays((int) settings.temporaryPasswordValidity().toDays())
                        .build()).build())
                .build()).build();
    }

    @Override
    public synchronized InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
        return authentication.initiateAuth(request);
    }

    @Override
    public synchronized RespondToAuthChallengeResponse respondToAuthChallenge(RespondToAuthChallengeRequest request) {
        return authentication.respondToAuthChallenge(request);
    }

    @Override
    public synchronized AssociateSoftwareTokenResponse associateSoftwareToken(AssociateSoftwareTokenRequest request) {
        return authentication.associateSoftwareToken(request);
    }

    @Override
    public synchronized VerifySoftwareTokenResponse verifySoftwareToken(VerifySoftwareTokenRequest request) {
        return authentication.verifySoftwareToken(request);
    }

    @Override
    public synchronized ForgotPasswordResponse forgotPassword(ForgotPasswordRequest request) {
        return passwordResets.forgotPassword(request);
    }

    @Override
    public synchronized ConfirmForgotPasswordResponse confirmForgotPassword(ConfirmForgotPasswordRequest request) {
        return passwordResets.confirmForgotPassword(request);
    }

    /**
     * Creates a confirmed member of the admin group with a permanent password and no invitation, as
     * an operator would with {@code AdminCreateUser(SUPPRESS)}, {@code AdminSetUserPassword(Permanent)}
     * and {@code AdminAddUserToGroup}: the default profile's bootstrap admin.
     *
     * @return the new user's username
     */
    public synchronized String createConfirmedAdmin(String email, String password) {
        String username = adminCreateUser(r -> r.userPoolId(settings.userPoolId())
                .username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(PoolUser.attribute("email", email), PoolUser.attribute("email_verified", "true")))
                .user().username();
        adminSetUserPassword(r -> r.userPoolId(settings.userPoolId()).username(username).password(password)
                .permanent(true));
        adminAddUserToGroup(r -> r.userPoolId(settings.userPoolId()).username(username)
                .groupName(settings.adminGroup()));
        return username;
    }

    /** Number of users in the pool; for tests and the dev tools. */
    public synchronized int size() {
        return users.size();
    }

    private void invite(PoolUser user, String temporaryPassword) {
        String body = "Your username is " + user.email + " and temporary password is " + temporaryPassword + ".";
        outbox.send(new OutboxMessage(user.email, "Your temporary password", body, user.username, temporaryPassword,
                clock.instant()));
    }

    private String temporaryPasswordOf(AdminCreateUserRequest request) {
        String temporary = request.temporaryPassword();
        if (temporary == null) {
            temporary = generatedTemporaryPassword();
        }
        checkPolicy(temporary);
        return temporary;
    }

    private String generatedTemporaryPassword() {
        // What Cognito does when no TemporaryPassword is given: one of each class, then random.
        return "Aa1!" + randomToken(12);
    }

    private void checkPolicy(String password) {
        PoolErrors.checkPolicy(policy, password);
    }

    private void checkPool(String userPoolId) {
        if (!settings.userPoolId().equals(userPoolId)) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                    "User pool " + userPoolId + " does not exist.");
        }
    }

    private PoolUser require(String usernameOrEmail) {
        return users.lookup(usernameOrEmail).orElseThrow(() -> error(UserNotFoundException.builder(),
                "UserNotFoundException", "User does not exist."));
    }

    private static Optional<String> attributeValue(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> name.equals(a.name())).map(AttributeType::value).findFirst();
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    private static CognitoIdentityProviderException error(CognitoIdentityProviderException.Builder builder,
            String code, String message) {
        return PoolErrors.error(builder, code, message);
    }
}
