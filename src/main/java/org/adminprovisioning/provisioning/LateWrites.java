package org.adminprovisioning.provisioning;

import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Puts Cognito back in line with our database after a late write. A change whose Cognito call
 * stalled past the stale threshold (a paused process, a stuck connection) finds, at its next journal
 * step, that another instance's reconciler finished it meanwhile. A newer change to the admin may
 * have gone through since, in both systems, and the stalled call, landing only now, undid it in
 * Cognito. Cognito has no conditional writes to fence it off, so the stalled change re-applies the
 * admin's present state afterwards, under a journal entry of its own that holds the admin: no other
 * change runs meanwhile, and after a crash the reconciler finishes it like any other.
 */
@Component
class LateWrites {

    private static final Logger log = LoggerFactory.getLogger(LateWrites.class);
    /** How long to wait for a newer change that holds the admin: such changes end in milliseconds. */
    private static final int TRIES = 100;
    private static final long PAUSE_MILLIS = 50;

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final Journal journal;
    private final Idempotency idempotency;
    private final AuditTrail audit;
    private final TransactionOperations transactions;

    LateWrites(CognitoGateway cognito, AdminRecords records, Journal journal, Idempotency idempotency,
            AuditTrail audit, TransactionOperations transactions) {
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.idempotency = idempotency;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * After {@code stalled}'s Cognito call returned and its entry turned out finished by someone else:
     * makes Cognito hold what our database says of the admin now. Never throws; what it cannot do is
     * left to the reconciler (its entry) or, when a newer change holds the admin for long, to the
     * drift report.
     */
    void reassert(JournalEntry stalled, Actor actor) {
        try {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                try {
                    transactions.execute(tx -> begin(stalled)).ifPresent(entry -> apply(entry, stalled, actor));
                    return;
                } catch (DataIntegrityViolationException busy) {
                    // A newer change holds the admin; once it ends, our write may still be the last one.
                    Thread.sleep(PAUSE_MILLIS);
                }
            }
            log.error("{} {} wrote to Cognito user {} late, and a newer change held the admin for {} ms: "
                    + "GET /admins/reconciliation shows whether the two systems disagree", stalled.getOperation(),
                    stalled.getId(), stalled.getCognitoUsername(), TRIES * PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Could not re-apply admin {} to Cognito after the late write of {} {}: {}",
                    stalled.getAdminId(), stalled.getOperation(), stalled.getId(), e.toString());
        }
    }

    /** Journals the re-application as the change that leads to the admin's present state, holding the admin. */
    private Optional<Reassertion> begin(JournalEntry stalled) {
        return records.lockForChange(stalled.getAdminId())
                .filter(admin -> admin.status() != AdminStatus.OFFBOARDED)
                .filter(admin -> java.util.Objects.equals(stalled.getCognitoUsername(), admin.cognitoUsername()))
                .map(admin -> {
                    Operation operation = admin.status() == AdminStatus.DISABLED ? Operation.DISABLE : Operation.ENABLE;
                    String body = idempotency.bodyOf(AdminResponse.of(admin));
                    JournalEntry entry = journal.beginAnswered(operation,
                            new JournalEntry.Subject(admin.email(), admin.id(), admin.cognitoUsername()),
                            new JournalEntry.Request(null, null, Idempotency.hash(operation, admin.id().toString())),
                            body);
                    return new Reassertion(entry, admin, body);
                });
    }

    private void apply(Reassertion reassertion, JournalEntry stalled, Actor actor) {
        JournalEntry entry = reassertion.entry();
        AdminAccount admin = reassertion.admin();
        try {
            if (entry.getOperation() == Operation.DISABLE) {
                DisableAdmin.revokeAccess(cognito, admin.cognitoUsername());
            } else {
                cognito.enableUser(admin.cognitoUsername());
            }
        } catch (CognitoUserNotFoundException gone) {
            // Nothing left in Cognito to disagree with us; the drift report shows the missing user.
        } catch (CognitoException e) {
            Compensation.bestEffort(() -> journal.handOver(entry.getId(), e.getMessage()));
            return;
        }
        try {
            journal.complete(entry.getId(), reassertion.body(), admin.id());
        } catch (TakenOver finishedMeanwhile) {
            // The reconciler repeated it while this instance was slow again: same result.
        }
        log.warn("{} {} wrote to Cognito user {} after the reconciler had finished it; re-applied {} ({})",
                stalled.getOperation(), stalled.getId(), admin.cognitoUsername(), admin.status(), entry.getId());
        audit.record(actor.name(), Action.RECONCILE, admin.email(), Outcome.SUCCEEDED, "re-applied " + admin.status()
                + " in Cognito after a late write of " + stalled.getOperation());
    }

    private record Reassertion(JournalEntry entry, AdminAccount admin, String body) {
    }
}
