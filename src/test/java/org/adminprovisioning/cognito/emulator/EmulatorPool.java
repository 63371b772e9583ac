package org.adminprovisioning.cognito.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

/**
 * The operator's side of an emulated pool: what an administrator sets up in the AWS console or
 * with infrastructure code (pool, app client without secret allowing {@code USER_PASSWORD_AUTH},
 * the admin group), plus the look-ups the end-to-end suite uses to check the emulator's state.
 * Talks to the emulator with its own SDK client and dummy credentials, never through the service.
 */
public final class EmulatorPool implements AutoCloseable {

    /** The admin group, as in {@code cognito.admin-group}. */
    public static final String ADMIN_GROUP = "admins";

    /** Which kind of pool: the two the service supports (email as the sign-in attribute, or plain). */
    public enum Kind {
        /** {@code UsernameAttributes=[email]}: Cognito makes UUID usernames, the email signs in. */
        EMAIL_AS_USERNAME,
        /** No username attributes: the email we pass is the username. */
        PLAIN
    }

    private final CognitoIdentityProviderClient client;
    private final Kind kind;
    private final String poolId;
    private final String clientId;

    private EmulatorPool(CognitoIdentityProviderClient client, Kind kind, String poolId, String clientId) {
        this.client = client;
        this.kind = kind;
        this.poolId = poolId;
        this.clientId = clientId;
    }

    /** Creates a pool, an app client (no secret, {@code ALLOW_USER_PASSWORD_AUTH}) and the admin group. */
    public static EmulatorPool create(CognitoEmulator emulator, Kind kind) {
        CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("emulator-access-key", "emulator-secret-key")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        String poolId = client.createUserPool(r -> {
            r.poolName("admin-provisioning-e2e");
            if (kind == Kind.EMAIL_AS_USERNAME) {
                r.usernameAttributes(UsernameAttributeType.EMAIL);
            }
        }).userPool().id();
        String clientId = createClient(client, poolId, "admin-provisioning-service");
        client.createGroup(r -> r.userPoolId(poolId).groupName(ADMIN_GROUP));
        return new EmulatorPool(client, kind, poolId, clientId);
    }

    private static String createClient(CognitoIdentityProviderClient client, String poolId, String name) {
        return client.createUserPoolClient(r -> r.userPoolId(poolId).clientName(name).generateSecret(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    public Kind kind() {
        return kind;
    }

    public String poolId() {
        return poolId;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Turns MFA on for the pool (software tokens only, {@code MfaConfiguration=ON}) or off again, as an
     * operator does in the console.
     */
    public void requireSoftwareTokenMfa(boolean required) {
        client.setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                .softwareTokenMfaConfiguration(c -> c.enabled(required))
                .mfaConfiguration(required ? UserPoolMfaType.ON : UserPoolMfaType.OFF));
    }

    /** Another app client of the same pool, whose tokens the service must not accept. */
    public String createOtherClient() {
        return createClient(client, poolId, "some-other-app");
    }

    /**
     * A user with a permanent password, as an operator creates one (no invitation): the bootstrap
     * admin (in the admin group) or an ordinary pool user (not in it).
     *
     * @return the pool's username
     */
    public String seedConfirmedUser(String email, String password, boolean inAdminGroup) {
        String username = client.adminCreateUser(r -> r.userPoolId(poolId).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                // moto stores no password at all without one; it is replaced right after.
                .temporaryPassword(password)
                .userAttributes(attribute("email", email), attribute("email_verified", "true")))
                .user().username();
        client.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(password).permanent(true));
        if (inAdminGroup) {
            client.adminAddUserToGroup(r -> r.userPoolId(poolId).username(username).groupName(ADMIN_GROUP));
        }
        return username;
    }

    /** Signs in with another app client directly (not through the service); returns the access token. */
    public String accessTokenThroughClient(String otherClientId, String username, String password) {
        return client.initiateAuth(r -> r.clientId(otherClientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                .authenticationResult().accessToken();
    }

    /** The pool's users with this email. */
    public List<UserType> usersWithEmail(String email) {
        return client.listUsers(r -> r.userPoolId(poolId).filter("email = \"" + email + "\"")).users().stream()
                .filter(user -> user.attributes().stream()
                        .anyMatch(a -> a.name().equals("email") && a.value().equalsIgnoreCase(email)))
                .toList();
    }

    /** The one user with this email, if any. */
    public Optional<UserType> userWithEmail(String email) {
        List<UserType> users = usersWithEmail(email);
        if (users.size() > 1) {
            throw new IllegalStateException(users.size() + " users have the email " + email);
        }
        return users.stream().findFirst();
    }

    /** The groups the user is in. */
    public List<String> groupsOf(String username) {
        return client.adminListGroupsForUser(r -> r.userPoolId(poolId).username(username)).groups().stream()
                .map(GroupType::groupName).toList();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
