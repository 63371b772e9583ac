package org.adminprovisioning.cognito;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * A moto Cognito pool in a process of its own, for the kill-and-restart suite: its state must
 * outlive the service's JVM, which the in-memory pool cannot. A plain pool (the email is the
 * username), an app client without secret and the admin group. Dummy credentials; 127.0.0.1 only.
 */
public final class CrashTestMoto implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "moto-access-key";
    public static final String SECRET_KEY = "moto-secret-key";

    private final Process process;
    private final int port;
    private final CognitoIdentityProviderClient client;
    private final String poolId;
    private final String clientId;

    private CrashTestMoto(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = CognitoIdentityProviderClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(URI.create(endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        this.poolId = client.createUserPool(r -> r.poolName("crash-recovery")).userPool().id();
        this.clientId = client.createUserPoolClient(r -> r.userPoolId(poolId).clientName("admin-provisioning-service")
                .generateSecret(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        client.createGroup(r -> r.userPoolId(poolId).groupName("admins"));
    }

    /** Where {@code moto_server} is, if anywhere. */
    public static Optional<Path> executable() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "moto_server"));
        Path home = Path.of(System.getProperty("user.home"));
        return Stream.concat(onPath, Stream.of(home.resolve(".pyenv/shims/moto_server"),
                home.resolve(".local/bin/moto_server"))).filter(Files::isExecutable).findFirst();
    }

    /** Starts {@code moto_server} on a free port of 127.0.0.1 and sets up the pool. */
    public static CrashTestMoto start(Path executable, Path log) throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (answers(port)) {
                return new CrashTestMoto(process, port);
            }
            Thread.sleep(100);
        }
        stop(process);
        throw new IOException("moto_server did not start on port " + port + ": " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String poolId() {
        return poolId;
    }

    public String clientId() {
        return clientId;
    }

    /** The issuer moto writes into its tokens (Cognito's real format), and where its keys really are. */
    public String issuer() {
        return "https://cognito-idp." + REGION + ".amazonaws.com/" + poolId;
    }

    public String jwkSetUri() {
        return endpoint() + "/" + poolId + "/.well-known/jwks.json";
    }

    /** A confirmed admin with a permanent password, as an operator would make the first one. */
    public void createConfirmedAdmin(String email, String password) {
        client.adminCreateUser(r -> r.userPoolId(poolId).username(email).temporaryPassword(password)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value(email), a -> a.name("email_verified").value("true")));
        client.adminSetUserPassword(r -> r.userPoolId(poolId).username(email).password(password).permanent(true));
        client.adminAddUserToGroup(r -> r.userPoolId(poolId).username(email).groupName("admins"));
    }

    public boolean exists(String username) {
        try {
            client.adminGetUser(r -> r.userPoolId(poolId).username(username));
            return true;
        } catch (UserNotFoundException e) {
            return false;
        }
    }

    public List<String> groupsOf(String username) {
        return client.adminListGroupsForUser(r -> r.userPoolId(poolId).username(username)).groups().stream()
                .map(GroupType::groupName).toList();
    }

    @Override
    public void close() {
        client.close();
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/moto-api/")
                    .toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() > 0;
        } catch (IOException notYet) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
