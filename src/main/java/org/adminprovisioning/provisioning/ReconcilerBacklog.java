package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gauge {@value #NAME}: journal entries the reconciler still has work in, by state
 * ({@code started}, {@code cognito_done}, {@code compensating}, {@code verifying}). One grouped count
 * over the {@code (state, updated_at)} index, kept for {@value #FRESH_FOR_SECONDS} seconds so that a
 * scrape reading the four gauges queries once; a database that does not answer leaves the gauges NaN.
 */
@Component
class ReconcilerBacklog implements MeterBinder {

    static final String NAME = "provisioning.reconciler.backlog";
    private static final long FRESH_FOR_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(ReconcilerBacklog.class);

    private final JournalEntries entries;
    private final Clock clock;
    private Map<OperationState, Long> counts;
    private Instant countedAt = Instant.MIN;

    ReconcilerBacklog(JournalEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OperationState state : JournalEntries.WATCHED) {
            Gauge.builder(NAME, this, backlog -> backlog.count(state))
                    .description("Unfinished journal entries the reconciler still has to drive to an end, by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private synchronized double count(OperationState state) {
        Instant now = clock.instant();
        if (counts == null || !now.isBefore(countedAt.plus(Duration.ofSeconds(FRESH_FOR_SECONDS)))) {
            try {
                Map<OperationState, Long> fresh = new EnumMap<>(OperationState.class);
                for (Object[] row : entries.countByState(JournalEntries.WATCHED)) {
                    fresh.put((OperationState) row[0], ((Number) row[1]).longValue());
                }
                counts = fresh;
            } catch (RuntimeException e) {
                log.warn("Could not count the reconciler's backlog: {}", e.toString());
                counts = null;
                return Double.NaN;
            } finally {
                countedAt = now;
            }
        }
        return counts.getOrDefault(state, 0L);
    }
}
