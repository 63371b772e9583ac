package org.adminprovisioning.drift;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The gauge {@value #NAME}: the entries of the last drift report by kind ({@code ghost-cognito-user},
 * {@code orphan-record}, {@code stuck-request}); NaN until a report is made. Reports are made on
 * request ({@code GET /admins/reconciliation}, the console), never on a schedule: one walks the
 * whole admin group in Cognito, which a scrape must not do.
 */
@Component
class DriftMetrics implements MeterBinder {

    static final String NAME = "provisioning.drift.entries";

    private final AtomicLong ghosts = new AtomicLong(-1);
    private final AtomicLong orphans = new AtomicLong(-1);
    private final AtomicLong stuck = new AtomicLong(-1);

    @Override
    public void bindTo(MeterRegistry registry) {
        register(registry, "ghost-cognito-user", ghosts);
        register(registry, "orphan-record", orphans);
        register(registry, "stuck-request", stuck);
    }

    void reported(DriftReport report) {
        ghosts.set(report.ghostCognitoUsers().size());
        orphans.set(report.orphanRecords().size());
        stuck.set(report.stuckRequests().size());
    }

    private static void register(MeterRegistry registry, String kind, AtomicLong count) {
        Gauge.builder(NAME, count, value -> value.get() < 0 ? Double.NaN : value.get())
                .description("Entries of the last drift report (GET /admins/reconciliation), by kind")
                .tag("kind", kind)
                .register(registry);
    }
}
