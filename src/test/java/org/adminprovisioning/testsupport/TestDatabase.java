package org.adminprovisioning.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which database the Spring test contexts run on, and the PostgreSQL server the postgres
 * execution of the suite uses (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust
 * auth; override with {@code TEST_POSTGRES_HOST}, {@code _PORT}, {@code _DATABASE}, {@code _USER},
 * {@code _PASSWORD}).
 *
 * <p>Every context gets a schema of its own, {@code it_<utc timestamp>_<random>}, created before
 * the context starts and dropped when it closes, so parallel runs on one server never meet.
 * Schemas a killed run left behind are dropped once they are a day old.
 */
public final class TestDatabase {

    /** System property: {@code h2} (default) or {@code postgres}; set per surefire execution in the pom. */
    public static final String MODE_PROPERTY = "adminprovisioning.test.database";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static volatile String unavailableReason;
    private static volatile boolean probed;
    private static volatile boolean swept;

    private TestDatabase() {
    }

    public static boolean postgresMode() {
        return "postgres".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "h2"));
    }

    /** Skips (or, under {@code CI=true}, fails) the calling test unless the PostgreSQL server answers. */
    public static void assumePostgres() {
        String reason = postgresUnavailableReason();
        Peers.assumeAvailable("PostgreSQL at " + describe(), reason == null, reason);
    }

    /** {@code host:port/database} of the test server. */
    public static String describe() {
        return host() + ":" + port() + "/" + database();
    }

    /** Why the server cannot be used, or {@code null} when it can. Probed once per JVM. */
    public static synchronized String postgresUnavailableReason() {
        if (!probed) {
            probed = true;
            DriverManager.setLoginTimeout(5);
            try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException e) {
                unavailableReason = "cannot connect as " + user() + " (" + e.getMessage()
                        + "); start it with .ci/run or: pg_ctlcluster <version> main start";
            }
        }
        return unavailableReason;
    }

    /** Creates a fresh, empty schema and returns its name. */
    public static String createSchema() {
        String schema = "it_" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
            sweepAbandonedSchemas(statement);
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + schema, e);
        }
        return schema;
    }

    public static void dropSchema(String schema) {
        try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database()
                + (schema == null ? "" : "?currentSchema=" + schema);
    }

    public static Connection connect(String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(schema), properties);
    }

    /** The Spring properties that point a context (or a child JVM) at the schema. */
    public static Map<String, Object> springProperties(String schema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl(schema));
        properties.put("spring.datasource.username", user());
        properties.put("spring.datasource.password", password());
        properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        // @DataJpaTest would swap in an embedded database otherwise.
        properties.put("spring.test.database.replace", "none");
        // The default profile refuses a persistent database for its in-memory pool; this schema is dropped with it.
        properties.put("provisioning.dev.disposable-state", "true");
        // Dozens of cached contexts share one server (100 connections by default): idle ones give theirs back.
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("spring.datasource.hikari.minimum-idle", "0");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        return properties;
    }

    public static String user() {
        return setting("TEST_POSTGRES_USER", "postgres");
    }

    public static String password() {
        return setting("TEST_POSTGRES_PASSWORD", "");
    }

    private static String host() {
        return setting("TEST_POSTGRES_HOST", "127.0.0.1");
    }

    private static String port() {
        return setting("TEST_POSTGRES_PORT", "5432");
    }

    private static String database() {
        return setting("TEST_POSTGRES_DATABASE", "test");
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void sweepAbandonedSchemas(Statement statement) throws SQLException {
        if (swept) {
            return;
        }
        swept = true;
        String dayAgo = LocalDateTime.now(ZoneOffset.UTC).minusDays(1).format(STAMP);
        List<String> abandoned = new ArrayList<>();
        try (ResultSet schemas = statement.executeQuery(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'it\\_%'")) {
            while (schemas.next()) {
                String name = schemas.getString(1);
                String[] parts = name.split("_");
                if (parts.length == 3 && parts[1].length() == 14 && parts[1].compareTo(dayAgo) < 0) {
                    abandoned.add(name);
                }
            }
        }
        for (String name : abandoned) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
