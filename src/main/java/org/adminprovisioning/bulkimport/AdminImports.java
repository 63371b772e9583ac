package org.adminprovisioning.bulkimport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.provisioning.FailureReason;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Bulk imports of admins (DESIGN §10): an import is journaled with all its rows, then provisioned row
 * by row in the background by {@link ImportRunner}, each row through the engine as the importing
 * admin ({@link RowProvisioner}). A bad row never stops the others; Cognito's daily email quota pauses
 * the import until an admin resumes it.
 */
@Service
public class AdminImports {

    /** The base of the problem type URIs, as {@code web.ProblemType} makes them. */
    static final String PROBLEM_BASE = "https://adminprovisioning.org/problems/";
    static final int MAX_PAGE_SIZE = 1000;

    private final ImportStore store;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final Clock clock;

    AdminImports(ImportStore store, ImportRunner runner, ImportProperties properties, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    int maxRows() {
        return properties.maxRows();
    }

    /**
     * Journals an import of the given lines and starts it. Emails that are not addresses are decided
     * {@code INVALID} at once, and a repeated email {@code ALREADY_EXISTED} (its first line provisions it).
     *
     * @param idempotencyKey the client's key, or {@code null}: the same admin's same key answers the
     *                       import it started first instead of starting another
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ImportStarted start(List<ImportLine> lines, String idempotencyKey) {
        AdminPrincipal admin = CurrentAdmin.require();
        if (idempotencyKey != null) {
            Optional<ImportStore.Job> earlier = store.byKey(admin.userId(), idempotencyKey);
            if (earlier.isPresent()) {
                return new ImportStarted(earlier.get().id(), earlier.get().total());
            }
        }
        Instant now = clock.instant();
        ImportStore.Job job = new ImportStore.Job(UUID.randomUUID(), admin.userId(), admin.email(),
                ImportState.RUNNING, lines.size(), now, now, null);
        store.insert(job, idempotencyKey, rows(lines));
        runner.launch(job.id());
        return new ImportStarted(job.id(), job.total());
    }

    private List<ImportStore.NewRow> rows(List<ImportLine> lines) {
        Map<String, Integer> firstLine = new HashMap<>();
        List<ImportStore.NewRow> rows = new ArrayList<>(lines.size());
        for (ImportLine line : lines) {
            String written = line.email().length() <= 320 ? line.email() : line.email().substring(0, 320);
            EmailAddress email;
            try {
                email = EmailAddress.of(line.email());
            } catch (InvalidEmailException e) {
                rows.add(new ImportStore.NewRow(line.line(), written, RowOutcome.INVALID, "invalid-email", e.getMessage()));
                runner.metrics().decided(RowOutcome.INVALID);
                continue;
            }
            Integer first = firstLine.putIfAbsent(email.value(), line.line());
            if (first != null) {
                rows.add(new ImportStore.NewRow(line.line(), email.value(), RowOutcome.ALREADY_EXISTED,
                        FailureReason.ADMIN_EXISTS.code(), "The same email as line " + first));
                runner.metrics().decided(RowOutcome.ALREADY_EXISTED);
            } else {
                rows.add(new ImportStore.NewRow(line.line(), email.value(), RowOutcome.PENDING, null, null));
            }
        }
        return rows;
    }

    /**
     * The import's counts and one page of its rows, in line order.
     *
     * @param outcome only rows with this outcome, or {@code null} for all
     * @throws ImportRefusedException {@code NOT_FOUND}
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ImportStatus status(UUID importId, RowOutcome outcome, int page, int size) {
        ImportStore.Job job = store.find(importId).orElseThrow(() -> notFound(importId));
        Map<RowOutcome, Integer> counts = store.counts(importId);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int number = Math.max(0, page);
        long matching = outcome == null ? job.total() : counts.get(outcome);
        List<ImportStatus.Row> rows = store.rows(importId, outcome, number * pageSize, pageSize).stream()
                .map(row -> new ImportStatus.Row(row.line(), row.email(), row.outcome(),
                        row.problemType() == null ? null : PROBLEM_BASE + row.problemType(), row.detail()))
                .toList();
        boolean paused = job.state() == ImportState.PAUSED_EMAIL_QUOTA;
        return new ImportStatus(job.id(), job.state(), job.total(), counts.get(RowOutcome.CREATED),
                counts.get(RowOutcome.ALREADY_EXISTED), counts.get(RowOutcome.INVALID), counts.get(RowOutcome.FAILED),
                counts.get(RowOutcome.PENDING), job.createdAt(), job.finishedAt(),
                paused ? PROBLEM_BASE + "email-quota-exceeded" : null,
                paused ? "Cognito's daily email quota is spent, so no more invitations can be sent today. Configure "
                        + "the user pool to send through Amazon SES (docs/cognito.md), or wait for the quota to "
                        + "reset, then POST /admins/import/" + job.id() + "/resume." : null,
                rows, new ImportStatus.RowsPage(pageSize, number, matching,
                        (int) ((matching + pageSize - 1) / pageSize)));
    }

    /**
     * Resumes an import paused for Cognito's email quota; its pending rows are tried again.
     *
     * @throws ImportRefusedException {@code NOT_FOUND}; {@code NOT_PAUSED} when it is not paused
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ImportStatus resume(UUID importId) {
        ImportStore.Job job = store.find(importId).orElseThrow(() -> notFound(importId));
        if (!store.resume(importId, clock.instant())) {
            throw new ImportRefusedException(ImportRefusal.NOT_PAUSED, "Import " + importId + " is " + job.state()
                    + ": only an import paused for Cognito's email quota can be resumed");
        }
        runner.launch(importId);
        return status(importId, null, 0, 100);
    }

    private static ImportRefusedException notFound(UUID importId) {
        return new ImportRefusedException(ImportRefusal.NOT_FOUND, "No import has the id " + importId);
    }
}
