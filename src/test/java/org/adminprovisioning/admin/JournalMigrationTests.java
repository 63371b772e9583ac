package org.adminprovisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.adminprovisioning.testsupport.PostgresOnly;
import org.adminprovisioning.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V3 turns the provisioning journal into the journal of every operation and lets offboarded admins
 * keep their rows: rows written under V2 survive with their meaning, on H2 and on PostgreSQL.
 */
class JournalMigrationTests {

    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }

    private DataSource postgres() {
        TestDatabase.assumePostgres();
        schema = TestDatabase.createSchema();
        return new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.user(), TestDatabase.password());
    }

    private static DataSource h2() {
        return new DriverManagerDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void v3_keepsEveryV2Row_onH2() {
        v3_keepsEveryV2Row_asAProvisioning_withItsStateRenamed(h2());
    }

    @Nested
    @PostgresOnly
    class OnPostgres {

        @Test
        void v3_keepsEveryV2Row_onPostgreSql() {
            v3_keepsEveryV2Row_asAProvisioning_withItsStateRenamed(postgres());
        }
    }

    private static Flyway flyway(DataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }

    private static void v3_keepsEveryV2Row_asAProvisioning_withItsStateRenamed(DataSource database) {
        flyway(database, "2").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Timestamp now = Timestamp.from(Instant.now());
        UUID admin = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, email, cognito_username, role, status, created_at, updated_at, version) "
                + "VALUES (?, 'old@example.com', 'u-old', 'ADMIN', 'ACTIVE', ?, ?, 0)", admin, now, now);
        insertV2Request(jdbc, "created@example.com", "COGNITO_CREATED", null, "key-1", admin, now);
        insertV2Request(jdbc, "verifying@example.com", "FAILED", now, null, null, now);
        insertV2Request(jdbc, "failed@example.com", "FAILED", null, null, null, now);

        flyway(database, "latest").migrate();

        assertThat(jdbc.queryForMap("SELECT operation, state, active_email, idempotency_key, requested_by "
                + "FROM admin_operations WHERE email = 'created@example.com'"))
                .containsEntry("OPERATION", "PROVISION").containsEntry("STATE", "COGNITO_DONE")
                .containsEntry("ACTIVE_EMAIL", "created@example.com").containsEntry("IDEMPOTENCY_KEY", "key-1")
                .containsEntry("REQUESTED_BY", admin);
        assertThat(state(jdbc, "verifying@example.com")).isEqualTo("VERIFYING");
        assertThat(state(jdbc, "failed@example.com")).isEqualTo("FAILED");
        Map<String, Object> user = jdbc.queryForMap("SELECT live_email, live_cognito_username FROM users WHERE id = ?",
                admin);
        assertThat(user).containsEntry("LIVE_EMAIL", "old@example.com").containsEntry("LIVE_COGNITO_USERNAME", "u-old");
    }

    private static String state(JdbcTemplate jdbc, String email) {
        return jdbc.queryForObject("SELECT state FROM admin_operations WHERE email = ?", String.class, email);
    }

    private static void insertV2Request(JdbcTemplate jdbc, String email, String state, Timestamp nextAttemptAt,
            String key, UUID requestedBy, Timestamp now) {
        boolean unfinished = !state.equals("FAILED");
        jdbc.update("INSERT INTO provisioning_requests (id, email, active_email, state, idempotency_key, requested_by, "
                + "attempts, next_attempt_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 0)",
                UUID.randomUUID(), email, unfinished ? email : null, state, key, requestedBy, nextAttemptAt, now, now);
    }
}
