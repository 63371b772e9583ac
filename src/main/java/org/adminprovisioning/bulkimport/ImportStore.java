package org.adminprovisioning.bulkimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/** The only door to {@code admin_imports} and {@code admin_import_rows}: plain SQL, each statement short. */
@Repository
class ImportStore {

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;

    ImportStore(JdbcTemplate jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** An import as stored. */
    record Job(UUID id, UUID requestedBy, String requestedEmail, ImportState state, int total, Instant createdAt,
            Instant updatedAt, Instant finishedAt) {
    }

    /** A row to write with a new import: decided at once (invalid, duplicate) or pending. */
    record NewRow(int line, String email, RowOutcome outcome, String problemType, String detail) {
    }

    /** A row waiting for a try. */
    record Pending(int line, String email, int attempt, int tries) {
    }

    /** A row as the status shows it. */
    record Row(int line, String email, RowOutcome outcome, String problemType, String detail) {
    }

    void insert(Job job, String idempotencyKey, List<NewRow> rows) {
        transactions.executeWithoutResult(tx -> {
            jdbc.update("INSERT INTO admin_imports (id, requested_by, requested_email, idempotency_key, state, total, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", job.id(), job.requestedBy(),
                    job.requestedEmail(), idempotencyKey, job.state().name(), job.total(), at(job.createdAt()),
                    at(job.createdAt()));
            jdbc.batchUpdate("INSERT INTO admin_import_rows (import_id, line, email, outcome, problem_type, detail, "
                    + "attempt, tries) VALUES (?, ?, ?, ?, ?, ?, 0, 0)", rows, 1000, (statement, row) -> {
                        statement.setObject(1, job.id());
                        statement.setInt(2, row.line());
                        statement.setString(3, row.email());
                        statement.setString(4, row.outcome().name());
                        statement.setString(5, row.problemType());
                        statement.setString(6, row.detail());
                    });
        });
    }

    Optional<Job> find(UUID id) {
        return jdbc.query("SELECT * FROM admin_imports WHERE id = ?", ImportStore::job, id).stream().findFirst();
    }

    Optional<Job> byKey(UUID requestedBy, String idempotencyKey) {
        return jdbc.query("SELECT * FROM admin_imports WHERE requested_by = ? AND idempotency_key = ?",
                ImportStore::job, requestedBy, idempotencyKey).stream().findFirst();
    }

    Map<RowOutcome, Integer> counts(UUID id) {
        Map<RowOutcome, Integer> counts = new EnumMap<>(RowOutcome.class);
        for (RowOutcome outcome : RowOutcome.values()) {
            counts.put(outcome, 0);
        }
        jdbc.query("SELECT outcome, COUNT(*) AS n FROM admin_import_rows WHERE import_id = ? GROUP BY outcome",
                (ResultSet rs) -> {
                    counts.put(RowOutcome.valueOf(rs.getString("outcome")), rs.getInt("n"));
                }, id);
        return counts;
    }

    /** A page of rows in line order, of one outcome or of all. */
    List<Row> rows(UUID id, RowOutcome outcome, int offset, int limit) {
        String where = outcome == null ? "" : " AND outcome = '" + outcome.name() + "'";
        return jdbc.query("SELECT line, email, outcome, problem_type, detail FROM admin_import_rows WHERE import_id = ?"
                + where + " ORDER BY line OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, n) -> new Row(rs.getInt("line"), rs.getString("email"), RowOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("problem_type"), rs.getString("detail")), id, offset, limit);
    }

    /** Takes the import for {@code owner} unless another instance holds an unexpired lease on it. */
    boolean claim(UUID id, String owner, Instant now, Instant until) {
        return jdbc.update("UPDATE admin_imports SET lease_owner = ?, lease_until = ? WHERE id = ? AND state = 'RUNNING' "
                + "AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)", owner, at(until), id, owner,
                at(now)) == 1;
    }

    /** Extends the lease; {@code false} when the import is no longer this owner's to run. */
    boolean renew(UUID id, String owner, Instant until) {
        return jdbc.update("UPDATE admin_imports SET lease_until = ? WHERE id = ? AND lease_owner = ? "
                + "AND state = 'RUNNING'", at(until), id, owner) == 1;
    }

    void release(UUID id, String owner) {
        jdbc.update("UPDATE admin_imports SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                id, owner);
    }

    /** Running imports no live instance holds: never claimed, or their lease expired. */
    List<UUID> unclaimed(Instant now) {
        return jdbc.queryForList("SELECT id FROM admin_imports WHERE state = 'RUNNING' "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at", UUID.class, at(now));
    }

    /** Pending rows whose try is due, in line order, leaving out those in flight. */
    List<Pending> due(UUID id, Instant now, Collection<Integer> inFlight, int limit) {
        return jdbc.query("SELECT line, email, attempt, tries FROM admin_import_rows WHERE import_id = ? "
                + "AND outcome = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY line "
                + "FETCH FIRST ? ROWS ONLY", (rs, n) -> new Pending(rs.getInt("line"), rs.getString("email"),
                        rs.getInt("attempt"), rs.getInt("tries")), id, at(now), limit + inFlight.size())
                .stream().filter(row -> !inFlight.contains(row.line())).limit(limit).toList();
    }

    /** When the next pending row is due, or empty when no row is pending. */
    Optional<Instant> nextDue(UUID id) {
        return jdbc.queryForObject("SELECT COUNT(*) AS n, MIN(next_attempt_at) AS next FROM admin_import_rows "
                + "WHERE import_id = ? AND outcome = 'PENDING'", (rs, n) -> rs.getInt("n") == 0 ? Optional.<Instant>empty()
                        : Optional.of(Optional.ofNullable(instant(rs.getObject("next", OffsetDateTime.class)))
                                .orElse(Instant.EPOCH)), id);
    }

    void decide(UUID id, int line, RowOutcome outcome, String problemType, String detail) {
        jdbc.update("UPDATE admin_import_rows SET outcome = ?, problem_type = ?, detail = ?, tries = tries + 1, "
                + "next_attempt_at = NULL WHERE import_id = ? AND line = ?", outcome.name(), problemType,
                shorten(detail), id, line);
    }

    void retryLater(UUID id, int line, int attempt, Instant next, String detail) {
        jdbc.update("UPDATE admin_import_rows SET attempt = ?, tries = tries + 1, next_attempt_at = ?, detail = ? "
                + "WHERE import_id = ? AND line = ? AND outcome = 'PENDING'", attempt, at(next), shorten(detail), id,
                line);
    }

    boolean pause(UUID id, Instant now) {
        return jdbc.update("UPDATE admin_imports SET state = 'PAUSED_EMAIL_QUOTA', lease_owner = NULL, "
                + "lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'RUNNING'", at(now), id) == 1;
    }

    boolean resume(UUID id, Instant now) {
        return jdbc.update("UPDATE admin_imports SET state = 'RUNNING', updated_at = ? WHERE id = ? "
                + "AND state = 'PAUSED_EMAIL_QUOTA'", at(now), id) == 1;
    }

    void complete(UUID id, String owner, Instant now) {
        jdbc.update("UPDATE admin_imports SET state = 'COMPLETED', finished_at = ?, updated_at = ?, lease_owner = NULL, "
                + "lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'RUNNING'", at(now), at(now), id, owner);
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getObject("id", UUID.class), rs.getObject("requested_by", UUID.class),
                rs.getString("requested_email"), ImportState.valueOf(rs.getString("state")), rs.getInt("total"),
                instant(rs.getObject("created_at", OffsetDateTime.class)),
                instant(rs.getObject("updated_at", OffsetDateTime.class)),
                instant(rs.getObject("finished_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String shorten(String detail) {
        return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
    }
}
