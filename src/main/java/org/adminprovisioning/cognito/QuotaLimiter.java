package org.adminprovisioning.cognito;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Cognito's request-rate quotas as token buckets, one per {@link QuotaCategory}: a call takes its
 * category's next free slot and waits for it, so calls leave at the quota's pace instead of being
 * throttled. {@link #local} buckets live in this JVM (H2: one instance); {@link #shared} ones live in
 * a table every instance reads and writes in one short transaction per call (Bucket4j's PostgreSQL
 * backend), so instances together keep to one budget.
 */
final class QuotaLimiter {

    private final Map<QuotaCategory, BlockingBucket> buckets;
    private final Duration maxWait;
    private final BlockingStrategy waiting;

    private QuotaLimiter(Map<QuotaCategory, BlockingBucket> buckets, Duration maxWait, BlockingStrategy waiting) {
        this.buckets = buckets;
        this.maxWait = maxWait;
        this.waiting = waiting;
    }

    /** Buckets in this JVM. */
    static QuotaLimiter local(CognitoQuotaProperties quotas, Clock clock, BlockingStrategy waiting) {
        Map<QuotaCategory, BlockingBucket> buckets = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            buckets.put(category, Bucket.builder().addLimit(configuration(quotas, category).getBandwidths()[0])
                    .withCustomTimePrecision(time(clock)).build().asBlocking());
        }
        return new QuotaLimiter(buckets, quotas.maxWait(), waiting);
    }

    /** Buckets in a table every instance shares; the key of a category's row is its ordinal + 1. */
    static QuotaLimiter shared(ProxyManager<Long> table, CognitoQuotaProperties quotas, BlockingStrategy waiting) {
        Map<QuotaCategory, BlockingBucket> buckets = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            BucketConfiguration configuration = configuration(quotas, category);
            buckets.put(category, table.builder().build(category.ordinal() + 1L, () -> configuration).asBlocking());
        }
        return new QuotaLimiter(buckets, quotas.maxWait(), waiting);
    }

    /**
     * A category's bucket: refilled at the quota's rate, holding a fifth of a second's worth, so an
     * idle quota never lets a burst through that would exceed the rate within any second by much.
     */
    static BucketConfiguration configuration(CognitoQuotaProperties quotas, QuotaCategory category) {
        int perSecond = quotas.perSecond(category);
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, perSecond / 5)).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    /** Bucket4j's clock from ours: wall-clock nanoseconds, the same on every instance. */
    static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Takes the category's next slot and waits until it comes.
     *
     * @return {@code false}, having taken nothing, when the slot is further away than {@code maxWait}
     */
    boolean acquire(QuotaCategory category) throws InterruptedException {
        return buckets.get(category).tryConsume(1, maxWait, waiting);
    }
}
