package org.adminprovisioning.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the engine of two-system operations ({@code provisioning.*}).
 *
 * @param temporaryPasswordLength length of generated temporary passwords (8 to 256)
 * @param maxResendsPerHour       how many invitations may be resent to one admin within an hour
 * @param idempotencyKeyLifetime  how long an {@code Idempotency-Key} replays its first answer; after
 *                                that the same key starts a new request
 * @param reconciler              the reconciler's schedule
 */
@ConfigurationProperties("provisioning")
public record ProvisioningProperties(
        @DefaultValue("16") int temporaryPasswordLength,
        @DefaultValue("5") int maxResendsPerHour,
        @DefaultValue("24h") Duration idempotencyKeyLifetime,
        @DefaultValue Reconciler reconciler) {

    /**
     * The reconciler: finishes operations that a crash, a timeout or a failed compensation left
     * unfinished.
     *
     * @param interval       how often the reconciler looks for unfinished requests
     * @param staleAfter     how old an unfinished request must be before the reconciler takes it: a
     *                       younger one may still be in flight on a live instance. Also the lease an
     *                       instance holds on a request while it works on it.
     * @param enabled        whether this instance runs the reconciler on its schedule (the
     *                       {@code POST /admins/reconciliation/run} action works either way)
     * @param maxAttempts    after this many attempts on one request (the saga's included) the
     *                       reconciler stops and flags it for an admin instead of retrying forever
     * @param backoffInitial the pause after the first failed attempt; it doubles per attempt, with
     *                       jitter, up to {@code backoffMax}
     * @param backoffMax     the longest pause between two attempts
     * @param batchSize      how many requests one instance takes per transaction
     * @param stuckAfter     an unfinished request older than this is reported as stuck
     */
    public record Reconciler(
            @DefaultValue("30s") Duration interval,
            @DefaultValue("2m") Duration staleAfter,
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("30s") Duration backoffInitial,
            @DefaultValue("1h") Duration backoffMax,
            @DefaultValue("20") int batchSize,
            @DefaultValue("15m") Duration stuckAfter) {

        @ConstructorBinding
        public Reconciler {
            if (maxAttempts < 1 || batchSize < 1) {
                throw new IllegalArgumentException("provisioning.reconciler.max-attempts and batch-size must be positive");
            }
        }

        /** The schedule alone, everything else at its default. */
        public Reconciler(Duration interval, Duration staleAfter) {
            this(interval, staleAfter, true, 10, Duration.ofSeconds(30), Duration.ofHours(1), 20,
                    Duration.ofMinutes(15));
        }
    }
}
