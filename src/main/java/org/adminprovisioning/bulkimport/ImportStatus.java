package org.adminprovisioning.bulkimport;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import as {@code GET /admins/import/{importId}} shows it: its counts, and one page of its rows.
 *
 * @param problemType while {@code PAUSED_EMAIL_QUOTA}, the problem type that paused it; otherwise {@code null}
 * @param detail      while paused, what to do about it
 */
public record ImportStatus(UUID importId, ImportState state, int total, int created, int alreadyExisted,
        int invalid, int failed, int pending, Instant createdAt, Instant finishedAt, String problemType,
        String detail, List<Row> rows, RowsPage rowsPage) {

    /**
     * One row.
     *
     * @param problemType the type URI of the problem a single {@code POST /admins} would have answered,
     *                    for a row not created; {@code null} otherwise
     */
    public record Row(int line, String email, RowOutcome outcome, String problemType, String detail) {
    }

    /** Where the page of rows is, as Spring Data's paged JSON says it. */
    public record RowsPage(int size, int number, long totalElements, int totalPages) {
    }
}
