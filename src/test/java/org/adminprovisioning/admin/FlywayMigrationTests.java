package org.adminprovisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.provisioning.PersistenceSliceConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The plain-SQL migrations: applied by Flyway, validated by Hibernate, and their constraints hold. */
@DataJpaTest
@Import(PersistenceSliceConfiguration.class)
class FlywayMigrationTests {

    @Autowired
    private JdbcTemplate jdbc;

    @Value("${spring.jpa.hibernate.ddl-auto}")
    private String ddlAuto;

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private void insertRequest(String email, String activeEmail, String state, String key) {
        insertRequest(email, activeEmail, state, key, null);
    }

    private void insertRequest(String email, String activeEmail, String state, String key, UUID requestedBy) {
        jdbc.update("INSERT INTO admin_operations (id, operation, email, active_email, state, idempotency_key, "
                + "requested_by, attempts, created_at, updated_at, version) VALUES (?, 'PROVISION', ?, ?, ?, ?, ?, 1, "
                + "?, ?, 0)", UUID.randomUUID(), email, activeEmail, state, key, requestedBy, now(), now());
    }

    private void insertUser(UUID id, String email, String username, String role, String status) {
        jdbc.update("INSERT INTO users (id, email, cognito_username, live_email, live_cognito_username, role, status, "
                + "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", id, email, username, email,
                username, role, status, now(), now());
    }

    @Test
    void flyway_appliedTheMigration_andHibernateValidatedTheEntitiesAgainstIt() {
        List<Map<String, Object>> history = jdbc.queryForList(
                "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL");

        assertThat(history).extracting(row -> row.get("version")).contains("1", "2", "3");
        assertThat(history).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
        assertThat(ddlAuto).isEqualTo("validate");
    }

    @Test
    void activeEmail_isUniqueAmongUnfinishedOperations_butNullsNeverCollide() {
        insertRequest("a@example.com", null, "FAILED", null);
        insertRequest("a@example.com", null, "ROLLED_BACK", null);
        insertRequest("a@example.com", "a@example.com", "STARTED", null);

        assertThatThrownBy(() -> insertRequest("a@example.com", "a@example.com", "COGNITO_DONE", null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void idempotencyKey_isUniquePerAdmin_butOptional() {
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        insertUser(ann, "ann@example.com", "u-ann", "ADMIN", "ACTIVE");
        insertUser(bob, "bob@example.com", "u-bob", "ADMIN", "ACTIVE");
        insertRequest("a@example.com", null, "COMPLETED", null, ann);
        insertRequest("b@example.com", null, "COMPLETED", null, ann);
        insertRequest("c@example.com", null, "COMPLETED", "key-1", ann);
        insertRequest("c@example.com", null, "COMPLETED", "key-1", bob);

        assertThatThrownBy(() -> insertRequest("d@example.com", null, "COMPLETED", "key-1", ann))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void operationState_mustBeAStateOfTheStateTable() {
        assertThatThrownBy(() -> insertRequest("a@example.com", null, "DONE", null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void users_role_isChecked() {
        assertThatThrownBy(() -> insertUser(UUID.randomUUID(), "a@example.com", "u-a", "ROOT", "ACTIVE"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    // One refused insert per test: PostgreSQL aborts the test's transaction after the first.
    @Test
    void users_status_isChecked() {
        assertThatThrownBy(() -> insertUser(UUID.randomUUID(), "b@example.com", "u-b", "ADMIN", "LOCKED"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void adminInfo_mustPointAtAUser() {
        assertThatThrownBy(() -> jdbc.update("INSERT INTO admin_info (id, user_id, invited_at, invite_count) "
                + "VALUES (?, ?, ?, 0)", UUID.randomUUID(), UUID.randomUUID(), now()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void users_liveEmailAndCognitoUsername_areUnique() {
        insertUser(UUID.randomUUID(), "a@example.com", "u-a", "ADMIN", "ACTIVE");

        assertThatThrownBy(() -> insertUser(UUID.randomUUID(), "b@example.com", "u-a", "ADMIN", "ACTIVE"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
