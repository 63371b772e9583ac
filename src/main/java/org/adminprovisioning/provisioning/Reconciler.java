package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.provisioning.ProvisioningJournal.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes what a crash, a timeout or a failed compensation left unfinished (DESIGN §4). Each
 * pass takes the due requests with {@code SELECT … FOR UPDATE SKIP LOCKED} in a short
 * transaction that leases them (so several instances share the work and none waits on another),
 * asks Cognito about each outside any transaction, and then ends it in a second short
 * transaction, provided nobody moved it meanwhile:
 * <ul>
 * <li>{@code STARTED} or {@code COGNITO_CREATED} and the Cognito user exists (and was created for
 * this request) → the user joins the admin group and the records are written: {@code COMPLETED}
 * (roll forward: an admin asked for it and Cognito has already emailed the invitation);</li>
 * <li>{@code STARTED} and no Cognito user → {@code FAILED}; {@code COGNITO_CREATED} and the user
 * gone → {@code ROLLED_BACK};</li>
 * <li>{@code COMPENSATING} → the Cognito user is deleted (idempotent) → {@code ROLLED_BACK};</li>
 * <li>a request it failed for want of a Cognito user gets a second look one stale period later: a
 * user that a stalled instance's late create made meanwhile is deleted.</li>
 * </ul>
 * A failed attempt is recorded ({@code attempts}, {@code last_error}) and retried after a capped
 * exponential backoff with jitter; after {@code provisioning.reconciler.max-attempts} the request
 * is flagged for an admin ({@code needs_attention_since}, listed among the stuck requests of the
 * drift report) instead of being retried forever.
 */
@Component
public class Reconciler {

    static final String ACTOR = "reconciler";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Passes per run at most, so one run ends even while requests keep arriving. */
    private static final int MAX_BATCHES_PER_RUN = 10;

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final ProvisioningJournal journal;
    private final AuditTrail audit;
    private final TransactionOperations transactions;
    private final JsonMapper json;
    private final ProvisioningProperties.Reconciler settings;
    private final Clock clock;
    private final RandomGenerator jitter;

    @Autowired
    Reconciler(CognitoGateway cognito, AdminRecords records, ProvisioningJournal journal, AuditTrail audit,
            TransactionOperations transactions, JsonMapper json, ProvisioningProperties properties, Clock clock) {
        this(cognito, records, journal, audit, transactions, json, properties.reconciler(), clock,
                RandomGenerator.getDefault());
    }

    Reconciler(CognitoGateway cognito, AdminRecords records, ProvisioningJournal journal, AuditTrail audit,
            TransactionOperations transactions, JsonMapper json, ProvisioningProperties.Reconciler settings,
            Clock clock, RandomGenerator jitter) {
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** {@code POST /admins/reconciliation/run}: one pass now, on an admin's behalf; stale requests only. */
    @PreAuthorize("hasRole('ADMIN')")
    public ReconciliationRun runNow() {
        return run(CurrentAdmin.require().email());
    }

    /** One pass of the schedule: every due request, in batches, bounded per run. */
    public ReconciliationRun run() {
        return run(ACTOR);
    }

    private ReconciliationRun run(String actor) {
        ReconciliationRun.Tally tally = new ReconciliationRun.Tally();
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<Claim> claims = journal.claimDue(settings.batchSize(), settings.staleAfter(), settings.staleAfter());
            claims.forEach(claim -> tally.add(reconcile(claim, actor)));
            if (claims.size() < settings.batchSize()) {
                break;
            }
        }
        ReconciliationRun run = tally.toRun();
        if (run.claimed() > 0) {
            log.info("Reconciler pass: {}", run);
        }
        return run;
    }

    /**
     * Drives one request to a final state now, due or not, and even if the reconciler gave up on
     * it: the admin's repair of a stuck request.
     *
     * @return what became of it, or empty when no unfinished request has this id
     */
    Optional<ReconciliationRun.Result> retryNow(UUID requestId, String actor) {
        return journal.claimForRepair(requestId, settings.staleAfter()).map(claim -> reconcile(claim, actor));
    }

    /** Never inside a transaction: the Cognito calls happen between the claim's and the ending's. */
    ReconciliationRun.Result reconcile(Claim claim, String actor) {
        try {
            switch (claim.state()) {
                case STARTED -> {
                    Optional<CognitoUser> user = cognito.findUser(claim.email());
                    if (user.isEmpty()) {
                        return failPendingVerification(claim, actor);
                    }
                    if (!AdminProvisioningService.createdFor(claim.createdAt(), user.get())) {
                        return fail(claim, FailureReason.ADMIN_EXISTS, "the Cognito user predates the request", actor);
                    }
                    return rollForward(claim, user.get(), actor);
                }
                case COGNITO_CREATED -> {
                    Optional<CognitoUser> user = cognito.findUser(claim.cognitoUsername());
                    if (user.isEmpty()) {
                        return rollBack(claim, "the Cognito user is gone", actor);
                    }
                    return rollForward(claim, user.get(), actor);
                }
                case COMPENSATING -> {
                    return compensate(claim, actor);
                }
                case FAILED -> {
                    return verifyNothingLanded(claim, actor);
                }
                default -> {
                    return ReconciliationRun.Result.SKIPPED;
                }
            }
        } catch (ProvisioningTakenOverException moved) {
            // The saga or another instance moved the request on while we asked Cognito: theirs to finish.
            return ReconciliationRun.Result.SKIPPED;
        } catch (ReconciliationConflict conflict) {
            return giveUp(claim, conflict.getMessage(), actor);
        } catch (RuntimeException e) {
            return retryLater(claim, e, actor);
        }
    }

    private ReconciliationRun.Result rollForward(Claim claim, CognitoUser user, String actor) {
        try {
            // Idempotent; a crash may have come between AdminCreateUser and AdminAddUserToGroup.
            cognito.addToAdminGroup(user.username());
        } catch (CognitoUserNotFoundException gone) {
            return claim.state() == ProvisioningState.STARTED
                    ? fail(claim, FailureReason.INTERRUPTED, "the Cognito user vanished", actor)
                    : rollBack(claim, "the Cognito user vanished", actor);
        }
        transactions.executeWithoutResult(tx -> {
            journal.lockClaimed(claim);
            Optional<AdminAccount> existing = records.findByEmail(claim.email());
            AdminAccount account;
            if (existing.isPresent()) {
                if (!existing.get().cognitoUsername().equals(user.username())) {
                    throw new ReconciliationConflict("admin " + claim.email() + " already exists with another "
                            + "Cognito user; see GET /admins/reconciliation");
                }
                account = existing.get();
            } else {
                account = records.createAdminDatabaseRecords(claim.email(), user.username(), user.sub(),
                        claim.requestedBy());
            }
            journal.markCompleted(claim.id(), json.writeValueAsString(AdminResponse.of(account)));
            audit.record(actor, Action.RECONCILE, claim.email(), Outcome.SUCCEEDED,
                    "rolled forward from " + claim.state());
        });
        log.info("Reconciler rolled request {} forward: admin {} exists in Cognito and in the database", claim.id(),
                claim.email());
        return ReconciliationRun.Result.COMPLETED;
    }

    private ReconciliationRun.Result compensate(Claim claim, String actor) {
        String username = claim.cognitoUsername();
        if (username == null) {
            // The saga failed before it could journal the username: find the user it created, if any.
            username = cognito.findUser(claim.email())
                    .filter(user -> AdminProvisioningService.createdFor(claim.createdAt(), user))
                    .map(CognitoUser::username).orElse(null);
        }
        if (username != null) {
            if (records.findByCognitoUsername(username).isPresent()) {
                throw new ReconciliationConflict("Cognito user " + username + " belongs to an admin; not deleting it");
            }
            cognito.deleteUser(username);
        }
        return rollBack(claim, "compensation finished", actor);
    }

    /**
     * No Cognito user for a stale {@code STARTED} request: nothing was created, {@code FAILED}. An
     * instance that stalled after sending its create (a long pause) could still make one appear,
     * so the reconciler looks once more after another stale period.
     */
    private ReconciliationRun.Result failPendingVerification(Claim claim, String actor) {
        String detail = "no Cognito user: nothing was created";
        journal.failClaimedPendingVerification(claim, FailureReason.INTERRUPTED.code(), detail,
                clock.instant().plus(settings.staleAfter()));
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, detail);
        log.info("Reconciler failed request {} ({}): {}", claim.id(), claim.email(), detail);
        return ReconciliationRun.Result.FAILED;
    }

    /**
     * The second look at a request failed for want of a Cognito user. A user that appeared since,
     * created for this request, that no admin record and no newer request accounts for, is the
     * late create of a stalled instance: the request is reopened and the user deleted.
     */
    private ReconciliationRun.Result verifyNothingLanded(Claim claim, String actor) {
        Optional<CognitoUser> late = cognito.findUser(claim.email())
                .filter(user -> AdminProvisioningService.createdFor(claim.createdAt(), user));
        if (late.isEmpty() || records.existsByEmail(claim.email())
                || records.findByCognitoUsername(late.get().username()).isPresent()) {
            journal.verifiedClaimed(claim);
            return ReconciliationRun.Result.VERIFIED;
        }
        if (!journal.unfinishedFor(List.of(claim.email()), List.of(late.get().username())).isEmpty()) {
            // A newer request for the email may own the user, or may find it is not its own: look
            // again once that request is finished (found by the random scenarios: deciding "not
            // ours" here while the newer request decided "not ours" too left a ghost).
            journal.retryClaimedAt(claim, clock.instant().plus(settings.staleAfter()),
                    "a newer request for the email is unfinished; looking again later");
            return ReconciliationRun.Result.RETRY_LATER;
        }
        journal.reopenClaimed(claim, late.get().username(), "a Cognito user appeared after the request failed");
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED,
                "late Cognito user " + late.get().username() + " found after the request failed: compensating");
        log.warn("Request {} ({}) had failed, but its Cognito user {} appeared late: deleting it", claim.id(),
                claim.email(), late.get().username());
        return journal.claimForRepair(claim.id(), settings.staleAfter()).map(again -> reconcile(again, actor))
                .orElse(ReconciliationRun.Result.SKIPPED);
    }

    private ReconciliationRun.Result fail(Claim claim, FailureReason type, String detail, String actor) {
        journal.failClaimed(claim, type.code(), detail);
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, detail);
        log.info("Reconciler failed request {} ({}): {}", claim.id(), claim.email(), detail);
        return ReconciliationRun.Result.FAILED;
    }

    private ReconciliationRun.Result rollBack(Claim claim, String detail, String actor) {
        journal.rollBackClaimed(claim, FailureReason.ROLLED_BACK.code());
        audit.record(actor, claim.state() == ProvisioningState.COMPENSATING ? Action.COMPENSATE : Action.RECONCILE,
                claim.email(), Outcome.ROLLED_BACK, detail);
        log.info("Reconciler rolled request {} back ({}): {}", claim.id(), claim.email(), detail);
        return ReconciliationRun.Result.ROLLED_BACK;
    }

    private ReconciliationRun.Result retryLater(Claim claim, RuntimeException failure, String actor) {
        String error = failure.toString();
        if (claim.attempts() >= settings.maxAttempts()) {
            return giveUp(claim, "gave up after " + claim.attempts() + " attempts: " + error, actor);
        }
        Instant next = clock.instant().plus(backoff(claim.attempts() - 1));
        try {
            journal.retryClaimedAt(claim, next, error);
        } catch (RuntimeException journalDown) {
            // The lease taken with the claim stands in for the backoff.
            log.warn("Could not record the failed attempt on request {}: {}", claim.id(), journalDown.toString());
        }
        log.warn("Reconciler attempt {} on request {} failed, next at {}: {}", claim.attempts(), claim.id(), next,
                error);
        return ReconciliationRun.Result.RETRY_LATER;
    }

    private ReconciliationRun.Result giveUp(Claim claim, String error, String actor) {
        if (claim.state() == ProvisioningState.FAILED) {
            // Only the second look at a failed request: stop looking; the drift report shows a late user.
            try {
                journal.verifiedClaimed(claim);
            } catch (RuntimeException e) {
                log.warn("Could not stop verifying request {}: {}", claim.id(), e.toString());
            }
            log.warn("Reconciler stopped verifying failed request {} ({}): {}", claim.id(), claim.email(), error);
            return ReconciliationRun.Result.NEEDS_ATTENTION;
        }
        try {
            journal.giveUpOnClaimed(claim, error);
        } catch (ProvisioningTakenOverException moved) {
            return ReconciliationRun.Result.SKIPPED;
        } catch (RuntimeException journalDown) {
            log.warn("Could not flag request {}: {}", claim.id(), journalDown.toString());
            return ReconciliationRun.Result.RETRY_LATER;
        }
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, "needs an admin: " + error);
        log.error("Reconciler gave up on request {} ({}); it needs an admin (GET /admins/reconciliation): {}",
                claim.id(), claim.email(), error);
        return ReconciliationRun.Result.NEEDS_ATTENTION;
    }

    /**
     * The pause before the reconciler's next attempt: {@code backoffInitial × 2^(n-1)} capped at
     * {@code backoffMax}, of which a random half is taken off ("equal jitter") so that requests
     * that failed together do not retry together.
     *
     * @param failedAttempts how many reconciler attempts failed so far (1 after the first)
     */
    Duration backoff(int failedAttempts) {
        long initial = settings.backoffInitial().toMillis();
        long cap = settings.backoffMax().toMillis();
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long delay = initial > cap >> doublings ? cap : Math.min(cap, initial << doublings);
        long half = delay / 2;
        return Duration.ofMillis(half + (half > 0 ? jitter.nextLong(half + 1) : 0));
    }

    /** What the reconciler cannot settle by retrying: an admin must look (drift report, repair). */
    static final class ReconciliationConflict extends RuntimeException {

        ReconciliationConflict(String message) {
            super(message);
        }
    }
}
