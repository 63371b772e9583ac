package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.provisioning.Journal.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Finishes, for every kind of operation, what a crash, a timeout or a failed compensation left
 * unfinished. Each pass takes the due entries with {@code SELECT … FOR UPDATE SKIP LOCKED} in a
 * short transaction that leases them (so several instances share the work and none waits on
 * another), hands each to its operation's {@link OperationPlan}, which asks Cognito outside any
 * transaction and ends it in a second short transaction, provided nobody moved it meanwhile. A
 * failed attempt is recorded ({@code attempts}, {@code last_error}) and retried after a capped
 * exponential backoff with jitter; after {@code provisioning.reconciler.max-attempts} the entry is
 * flagged for an admin ({@code needs_attention_since}, listed among the stuck requests of the drift
 * report) instead of being retried forever.
 */
@Component
public class Reconciler {

    static final String ACTOR = "reconciler";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Passes per run at most, so one run ends even while operations keep arriving. */
    private static final int MAX_BATCHES_PER_RUN = 10;

    private final Map<Operation, OperationPlan> plans = new EnumMap<>(Operation.class);
    private final Journal journal;
    private final AuditTrail audit;
    private final ProvisioningProperties.Reconciler settings;
    private final Clock clock;
    private final RandomGenerator jitter;
    private final EngineMetrics metrics;

    @Autowired
    Reconciler(List<OperationPlan> plans, Journal journal, AuditTrail audit, ProvisioningProperties properties,
            Clock clock, EngineMetrics metrics) {
        this(plans, journal, audit, properties.reconciler(), clock, RandomGenerator.getDefault(), metrics);
    }

    Reconciler(List<OperationPlan> plans, Journal journal, AuditTrail audit, ProvisioningProperties.Reconciler settings,
            Clock clock, RandomGenerator jitter, EngineMetrics metrics) {
        this.metrics = metrics;
        plans.forEach(plan -> this.plans.put(plan.operation(), plan));
        if (this.plans.size() != Operation.values().length) {
            throw new IllegalStateException("Every operation needs a plan for the reconciler: " + this.plans.keySet());
        }
        this.journal = journal;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** {@code POST /admins/reconciliation/run}: one pass now, on an admin's behalf; stale entries only. */
    @PreAuthorize("hasRole('ADMIN')")
    public ReconciliationRun runNow() {
        return run(CurrentAdmin.require().email());
    }

    /** One pass of the schedule: every due entry, in batches, bounded per run. */
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
     * Drives one entry towards an end now, due or not, and even if the reconciler gave up on it: the
     * admin's repair of a stuck request.
     *
     * @return what became of it, or empty when no watched entry has this id
     */
    Optional<ReconciliationRun.Result> retryNow(UUID id, String actor) {
        return journal.claimForRepair(id, settings.staleAfter()).map(claim -> reconcile(claim, actor));
    }

    /** Never inside a transaction: the plan calls Cognito between the claim's and the ending's. */
    ReconciliationRun.Result reconcile(Claim claim, String actor) {
        return metrics.reconcile(claim.operation(), () -> reconcileTimed(claim, actor));
    }

    private ReconciliationRun.Result reconcileTimed(Claim claim, String actor) {
        try {
            return plans.get(claim.operation()).finish(claim, actor);
        } catch (TakenOver moved) {
            // The operation or another instance moved the entry on while we asked Cognito: theirs to finish.
            return ReconciliationRun.Result.SKIPPED;
        } catch (ReconciliationConflict conflict) {
            return giveUp(claim, conflict.getMessage(), actor);
        } catch (RuntimeException e) {
            return retryLater(claim, e, actor);
        }
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
            log.warn("Could not record the failed attempt on {} {}: {}", claim.operation(), claim.id(),
                    journalDown.toString());
        }
        log.warn("Reconciler attempt {} on {} {} failed, next at {}: {}", claim.attempts(), claim.operation(),
                claim.id(), next, error);
        return ReconciliationRun.Result.RETRY_LATER;
    }

    private ReconciliationRun.Result giveUp(Claim claim, String error, String actor) {
        if (claim.state() == OperationState.VERIFYING) {
            // Only the second look at a failed operation: stop looking; the drift report shows a late user.
            try {
                journal.nothingLandedClaimed(claim);
            } catch (RuntimeException e) {
                log.warn("Could not stop verifying {} {}: {}", claim.operation(), claim.id(), e.toString());
            }
            log.warn("Reconciler stopped verifying failed {} {} ({}): {}", claim.operation(), claim.id(),
                    claim.email(), error);
            return ReconciliationRun.Result.NEEDS_ATTENTION;
        }
        try {
            journal.giveUpOnClaimed(claim, error);
        } catch (TakenOver moved) {
            return ReconciliationRun.Result.SKIPPED;
        } catch (RuntimeException journalDown) {
            log.warn("Could not flag {} {}: {}", claim.operation(), claim.id(), journalDown.toString());
            return ReconciliationRun.Result.RETRY_LATER;
        }
        audit.record(actor, Action.RECONCILE, claim.email(), Outcome.FAILED, "needs an admin: " + error);
        log.error("Reconciler gave up on {} {} ({}); it needs an admin (GET /admins/reconciliation): {}",
                claim.operation(), claim.id(), claim.email(), error);
        return ReconciliationRun.Result.NEEDS_ATTENTION;
    }

    /**
     * The pause before the reconciler's next attempt: {@code backoffInitial × 2^(n-1)} capped at
     * {@code backoffMax}, of which a random half is taken off ("equal jitter") so that entries that
     * failed together do not retry together.
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
}
