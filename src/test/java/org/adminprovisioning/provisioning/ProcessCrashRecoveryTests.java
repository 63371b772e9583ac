package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.cognito.HaltingCognitoClient;
import org.adminprovisioning.cognito.emulator.Availability;
import org.adminprovisioning.cognito.emulator.CognitoEmulator;
import org.adminprovisioning.cognito.emulator.EmulatorPool;
import org.adminprovisioning.cognito.emulator.MotoEmulator;
import org.adminprovisioning.testsupport.CrashableApplication;
import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.PostgresOnly;
import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Kills a real service JVM in the middle of an operation (a provisioning, a disable, an offboard)
 * and shows a restarted one finishing it. The service runs in a JVM of its own ({@link CrashableApplication} on the test class
 * path) with the {@code cognito} and {@code postgres} profiles: a fresh PostgreSQL schema, and a
 * moto pool in a process of its own, because Cognito's state must survive the kill, which the
 * in-memory pool (it lives in the killed JVM) cannot. The first JVM halts ({@code Runtime.halt},
 * like {@code kill -9}) right after {@code AdminAddUserToGroup}: Cognito has the admin, our
 * database has only the journal's {@code COGNITO_CREATED}. The second JVM's scheduled reconciler
 * rolls the request forward.
 */
@PostgresOnly
class ProcessCrashRecoveryTests {

    private static final String ADMIN_EMAIL = "first.admin@crash.example.com";
    private static final String ADMIN_PASSWORD = "First-Admin-Passw0rd!";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDirectory = Path.of("target", "crash-recovery");
    // moto, not the in-memory pool: the Cognito state must outlive the killed service JVM.
    private MotoEmulator moto;
    private EmulatorPool pool;
    private String schema;
    private final List<Process> services = new ArrayList<>();

    @BeforeEach
    void startPeers() throws Exception {
        TestDatabase.assumePostgres();
        Availability motoServer = MotoEmulator.locate();
        Peers.assumeAvailable("moto", motoServer.available(), motoServer.reason());
        Files.createDirectories(workDirectory);
        moto = MotoEmulator.start(motoServer.executable());
        pool = EmulatorPool.create(moto, EmulatorPool.Kind.PLAIN);
        pool.seedConfirmedUser(ADMIN_EMAIL, ADMIN_PASSWORD, true);
        schema = TestDatabase.createSchema();
    }

    @AfterEach
    void stopEverything() {
        services.forEach(ProcessCrashRecoveryTests::stop);
        if (pool != null) {
            pool.close();
        }
        if (moto != null) {
            moto.close();
        }
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }

    @Test
    void aServiceKilledRightAfterTheCognitoStep_isFinishedByTheReconcilerOfTheRestartedService() throws Exception {
        String email = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "@crash.example.com";

        Instant firstStart = Instant.now();
        Service first = start("first", "adminAddUserToGroup");
        Duration firstStartup = Duration.between(firstStart, Instant.now());
        insertActiveAdminRecords(ADMIN_EMAIL);
        String token = first.api().login(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThatThrownBy(() -> first.api().createAdmin(token, email, "key-" + email))
                .as("the service dies while answering").isInstanceOf(IllegalStateException.class);
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).isEqualTo(HaltingCognitoClient.EXIT_CODE);
        assertThat(journalStatesOf(email)).containsExactly("COGNITO_DONE");
        assertThat(pool.userWithEmail(email)).isPresent();
        assertThat(pool.groupsOf(email)).containsExactly("admins");
        assertThat(userRow(email)).isEmpty();

        Instant restart = Instant.now();
        Service second = start("second", null);
        Duration secondStartup = Duration.between(restart, Instant.now());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!journalStatesOf(email).equals(List.of("COMPLETED")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Duration recovery = Duration.between(restart, Instant.now());

        assertThat(journalStatesOf(email)).as("see %s", workDirectory.resolve("second.log"))
                .containsExactly("COMPLETED");
        Map<String, String> user = userRow(email).orElseThrow();
        assertThat(user).containsEntry("cognito_username", email).containsEntry("status", "INVITED");
        assertThat(adminInfoCount(user.get("id"))).isEqualTo(1);
        AdminApi.Reply admins = second.api().get("/admins", token);
        assertThat(admins.status()).isEqualTo(200);
        assertThat(emails(admins.body())).contains(email);
        AdminApi.Reply replay = second.api().createAdmin(token, email, "key-" + email);
        assertThat(replay.status()).as("the client's retry with its key gets the admin").isEqualTo(201);
        assertThat(replay.body().get("email").asString()).isEqualTo(email);
        JsonNode drift = second.api().get("/admins/reconciliation", token).body();
        assertThat(drift.get("ghostCognitoUsers")).isEmpty();
        assertThat(drift.get("orphanRecords")).isEmpty();
        assertThat(drift.get("stuckRequests")).isEmpty();
        System.out.printf("Crash recovery: first JVM up in %d ms, second JVM up in %d ms, request COMPLETED %d ms "
                + "after the restart began%n", firstStartup.toMillis(), secondStartup.toMillis(), recovery.toMillis());
    }

    @Test
    void aServiceKilledBetweenDisablingInCognitoAndSigningOut_isFinishedByTheRestartedService() throws Exception {
        String email = "disabled-" + UUID.randomUUID().toString().substring(0, 8) + "@crash.example.com";
        Service first = start("first-disable", "adminDisableUser");
        insertActiveAdminRecords(ADMIN_EMAIL);
        String token = first.api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String id = first.api().createAdmin(token, email, null).body().get("id").asString();

        assertThatThrownBy(() -> first.api().post("/admins/" + id + "/disable", null, token))
                .as("the service dies while answering").isInstanceOf(IllegalStateException.class);
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(journalStatesOf(email, "DISABLE")).containsExactly("STARTED");
        assertThat(userRow(email).orElseThrow()).as("refused at once, before Cognito").containsEntry("status", "DISABLED");

        Service second = start("second-disable", null);
        awaitCompleted(email, "DISABLE");

        assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isFalse();
        assertThat(second.api().get("/admins/" + id, token).body().get("status").asString()).isEqualTo("DISABLED");
    }

    @Test
    void aServiceKilledBeforeDeletingTheCognitoUserOfAnOffboardedAdmin_isFinishedByTheRestartedService()
            throws Exception {
        String email = "offboarded-" + UUID.randomUUID().toString().substring(0, 8) + "@crash.example.com";
        Service first = start("first-offboard", "before:adminDeleteUser");
        insertActiveAdminRecords(ADMIN_EMAIL);
        String token = first.api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String id = first.api().createAdmin(token, email, null).body().get("id").asString();

        assertThatThrownBy(() -> first.api().delete("/admins/" + id, token))
                .as("the service dies while answering").isInstanceOf(IllegalStateException.class);
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(journalStatesOf(email, "OFFBOARD")).containsExactly("STARTED");
        assertThat(userRow(email).orElseThrow()).containsEntry("status", "OFFBOARDED");
        assertThat(pool.userWithEmail(email)).as("not deleted yet").isPresent();

        start("second-offboard", null);
        awaitCompleted(email, "OFFBOARD");

        assertThat(pool.userWithEmail(email)).isEmpty();
        assertThat(userRow(email).orElseThrow()).as("kept for the audit trail").containsEntry("status", "OFFBOARDED");
    }

    private void awaitCompleted(String email, String operation) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!journalStatesOf(email, operation).equals(List.of("COMPLETED")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(journalStatesOf(email, operation)).containsExactly("COMPLETED");
    }

    private List<String> journalStatesOf(String email, String operation) throws SQLException {
        try (Connection connection = TestDatabase.connect(schema);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT state FROM admin_operations WHERE email = ? AND operation = ? ORDER BY created_at")) {
            query.setString(1, email);
            query.setString(2, operation);
            List<String> states = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        }
    }

    private record Service(Process process, AdminApi api) {
    }

    private Service start(String name, String haltAfter) throws Exception {
        int port = CognitoEmulator.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        if (haltAfter != null) {
            command.add("-D" + CrashableApplication.HALT_AFTER + "=" + haltAfter);
        }
        Path classpathFile = workDirectory.resolve("classpath.txt");
        Files.writeString(classpathFile, "-cp " + quoted(testClasspath()));
        command.add("@" + classpathFile.toAbsolutePath());
        command.add(CrashableApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve(name + ".log").toFile());
        builder.environment().putAll(environment(port));
        Process process = builder.start();
        services.add(process);
        AdminApi api = new AdminApi(port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " service died on start: "
                        + Files.readString(workDirectory.resolve(name + ".log")));
            }
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return new Service(process, api);
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " service did not start within " + START_TIMEOUT);
    }

    private Map<String, String> environment(int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "cognito,postgres");
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        TestDatabase.springProperties(schema).forEach((key, value) -> environment.put(
                key.toUpperCase().replace('.', '_').replace("-", ""), String.valueOf(value)));
        environment.put("COGNITO_USER_POOL_ID", pool.poolId());
        environment.put("COGNITO_CLIENT_ID", pool.clientId());
        environment.put("COGNITO_ENDPOINT", moto.endpoint().toString());
        environment.put("COGNITO_ISSUER", moto.issuer(pool.poolId()));
        environment.put("COGNITO_JWK_SET_URI", moto.jwkSetUri(pool.poolId()));
        environment.put("COGNITO_MAX_ATTEMPTS", "1");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "emulator-access-key");
        environment.put("AWS_SECRET_ACCESS_KEY", "emulator-secret-key");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("PROVISIONING_RECONCILER_INTERVAL", "1s");
        environment.put("PROVISIONING_RECONCILER_STALE_AFTER", "2s");
        return environment;
    }

    private static String quoted(String classpath) {
        return "\"" + classpath.replace("\\", "\\\\") + "\"";
    }

    /** The forked test JVM's full class path (surefire hides it behind a manifest-only jar). */
    private static String testClasspath() throws IOException, URISyntaxException {
        String classpath = System.getProperty("java.class.path");
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries[0])) {
                String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    List<String> resolved = new ArrayList<>();
                    for (String entry : manifestPath.trim().split(" +")) {
                        resolved.add(Path.of(new URI(entry)).toString());
                    }
                    return String.join(File.pathSeparator, resolved);
                }
            }
        }
        return classpath;
    }

    private static void stop(Process process) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void insertActiveAdminRecords(String email) throws SQLException {
        UUID userId = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = TestDatabase.connect(schema)) {
            try (PreparedStatement user = connection.prepareStatement("INSERT INTO users (id, email, cognito_username, "
                    + "live_email, live_cognito_username, role, status, created_at, updated_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, 'ADMIN', 'ACTIVE', ?, ?, 0)")) {
                user.setObject(1, userId);
                user.setString(2, email);
                user.setString(3, email);
                user.setString(4, email);
                user.setString(5, email);
                user.setTimestamp(6, now);
                user.setTimestamp(7, now);
                user.executeUpdate();
            }
            try (PreparedStatement info = connection.prepareStatement("INSERT INTO admin_info (id, user_id, invited_at, "
                    + "activated_at, invite_count) VALUES (?, ?, ?, ?, 0)")) {
                info.setObject(1, UUID.randomUUID());
                info.setObject(2, userId);
                info.setTimestamp(3, now);
                info.setTimestamp(4, now);
                info.executeUpdate();
            }
        }
    }

    private List<String> journalStatesOf(String email) throws SQLException {
        try (Connection connection = TestDatabase.connect(schema);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT state FROM admin_operations WHERE email = ? AND operation = 'PROVISION' "
                                + "ORDER BY created_at")) {
            query.setString(1, email);
            List<String> states = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        }
    }

    private Optional<Map<String, String>> userRow(String email) throws SQLException {
        try (Connection connection = TestDatabase.connect(schema);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, cognito_username, status FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", rows.getString(1));
                row.put("cognito_username", rows.getString(2));
                row.put("status", rows.getString(3));
                return Optional.of(row);
            }
        }
    }

    private int adminInfoCount(String userId) throws SQLException {
        try (Connection connection = TestDatabase.connect(schema);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM admin_info WHERE user_id = ?")) {
            query.setObject(1, UUID.fromString(userId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static List<String> emails(JsonNode admins) {
        List<String> emails = new ArrayList<>();
        admins.get("content").forEach(admin -> emails.add(admin.get("email").asString()));
        return emails.stream().collect(Collectors.toList());
    }
}
