package org.adminprovisioning.bulkimport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Import progress as {@code provisioning.import.rows{outcome}}: rows decided ({@code created},
 * {@code already_existed}, {@code invalid}, {@code failed}), tries put off ({@code retried},
 * {@code throttled}) and imports paused for the email quota ({@code provisioning.import.paused}).
 */
final class ImportMetrics {

    private final MeterRegistry meters;

    ImportMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void decided(RowOutcome outcome) {
        rows(outcome.name().toLowerCase()).increment();
    }

    void retried(boolean throttled) {
        rows(throttled ? "throttled" : "retried").increment();
    }

    void paused() {
        Counter.builder("provisioning.import.paused").description("Imports paused for Cognito's daily email quota")
                .register(meters).increment();
    }

    private Counter rows(String outcome) {
        return Counter.builder("provisioning.import.rows").tag("outcome", outcome)
                .description("Rows of bulk imports, by what became of them").register(meters);
    }
}
