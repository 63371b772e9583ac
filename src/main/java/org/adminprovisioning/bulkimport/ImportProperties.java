package org.adminprovisioning.bulkimport;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bulk imports ({@code provisioning.import.*}).
 *
 * @param maxRows         rows one import may hold
 * @param concurrency     rows of one import provisioned at once (Cognito's quota paces them anyway)
 * @param maxRunning      imports one instance runs at once; more wait for a free runner
 * @param lease           how long an instance holds an import without renewing; after that another
 *                        instance takes it over
 * @param resumeInterval  how often every instance looks for imports nobody runs (after a restart, a crash)
 * @param retryBackoff    the pause before a row's second try; doubles with each try
 * @param maxRetryBackoff the longest pause between two tries of a row
 * @param maxTries        tries of a row Cognito or our database failed for a reason other than a
 *                        throttle, before the row is {@code FAILED}; a throttled row is never failed
 */
@ConfigurationProperties("provisioning.import")
public record ImportProperties(
        @DefaultValue("10000") int maxRows,
        @DefaultValue("8") int concurrency,
        @DefaultValue("2") int maxRunning,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration resumeInterval,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("30s") Duration maxRetryBackoff,
        @DefaultValue("8") int maxTries) {

    public ImportProperties {
        if (maxRows < 1 || concurrency < 1 || maxRunning < 1 || maxTries < 1) {
            throw new IllegalArgumentException("provisioning.import.max-rows, concurrency, max-running and max-tries "
                    + "must be at least 1");
        }
    }

    /** The pause before a row's next try, after {@code tries} tries. */
    Duration backoff(int tries) {
        Duration pause = retryBackoff.multipliedBy(1L << Math.min(Math.max(tries - 1, 0), 20));
        return pause.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : pause;
    }
}
