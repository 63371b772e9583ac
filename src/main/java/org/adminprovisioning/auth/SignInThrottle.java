package org.adminprovisioning.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in the {@code sign_in_throttle} table, one row per bucket (a client
 * address, or a username's hash), shared by every instance on the same database. Each step is one
 * statement the database makes atomic (a conditional {@code UPDATE}, or the {@code INSERT} that
 * opens a bucket), in plain SQL that H2 and PostgreSQL run alike.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** May the request go on, and if not, for how long must it wait. */
    record Verdict(boolean allowed, Duration retryAfter) {

        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** The longest window any bucket was asked for: purging sooner would reset a longer budget early. */
    private final AtomicReference<Duration> longestWindow;

    SignInThrottle(JdbcTemplate jdbc, Clock clock, SignInProtectionProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.longestWindow = new AtomicReference<>(longer(properties.failedAttemptsWindow(),
                properties.requestsPerClientWindow()));
    }

    /**
     * Takes one unit of the bucket's budget: {@code limit} per {@code window}, the window opened by
     * the first unit taken after the previous one ended.
     */
    Verdict acquire(String name, int limit, Duration window) {
        longestWindow.accumulateAndGet(window, SignInThrottle::longer);
        String bucket = bucket(name);
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (takeFromOpenOrExpiredWindow(bucket, limit, window, now)) {
                return Verdict.ALLOWED;
            }
            try {
                jdbc.update("INSERT INTO sign_in_throttle (bucket, window_start, hits) VALUES (?, ?, 1)", bucket,
                        at(now));
                return Verdict.ALLOWED;
            } catch (DuplicateKeyException opened) {
                // The bucket exists: full, or another request opened it just now. Look again once.
            }
        }
        return new Verdict(false, retryAfter(bucket, window, now));
    }

    /** Gives back a unit taken by {@link #acquire}: the attempt it guarded did not fail. */
    void release(String name, Duration window) {
        Instant now = clock.instant();
        jdbc.update("UPDATE sign_in_throttle SET hits = hits - 1 WHERE bucket = ? AND hits > 0 AND window_start > ?",
                bucket(name), at(now.minus(window)));
    }

    /** The column holds 80 characters; a longer name (an odd address text) is kept as its hash. */
    private static String bucket(String name) {
        return name.length() <= 80 ? name : "sha256:" + SignInGuardFilter.sha256(name);
    }

    private boolean takeFromOpenOrExpiredWindow(String bucket, int limit, Duration window, Instant now) {
        OffsetDateTime expired = at(now.minus(window));
        // Right-hand sides see the row as it was: an expired window restarts at one hit.
        return jdbc.update("UPDATE sign_in_throttle"
                + " SET hits = CASE WHEN window_start <= ? THEN 1 ELSE hits + 1 END,"
                + " window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END"
                + " WHERE bucket = ? AND (window_start <= ? OR hits < ?)",
                expired, expired, at(now), bucket, expired, limit) == 1;
    }

    private Duration retryAfter(String bucket, Duration window, Instant now) {
        List<OffsetDateTime> start = jdbc.queryForList("SELECT window_start FROM sign_in_throttle WHERE bucket = ?",
                OffsetDateTime.class, bucket);
        Duration left = start.isEmpty() ? window : Duration.between(now, start.get(0).toInstant().plus(window));
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Forgets buckets whose window ended: the table holds only what still counts. */
    @Scheduled(fixedDelayString = "${provisioning.auth.purge-interval:5m}",
            initialDelayString = "${provisioning.auth.purge-interval:5m}")
    void purge() {
        int purged = jdbc.update("DELETE FROM sign_in_throttle WHERE window_start < ?",
                at(clock.instant().minus(longestWindow.get())));
        if (purged > 0) {
            log.debug("Purged {} ended sign-in throttle windows", purged);
        }
    }

    private static Duration longer(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
