package org.adminprovisioning.cognito;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BlockingStrategy;

/**
 * A clock that stands still until something waits on it: waiting moves it forward by exactly the wait,
 * so a test sees the time a limiter would make its callers wait without waiting itself.
 */
final class FakeTime extends Clock implements BlockingStrategy {

    private final AtomicLong nanos = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()
            * 1_000_000_000L);
    private final long start = nanos.get();

    @Override
    public void park(long waitNanos) {
        nanos.addAndGet(waitNanos);
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** How much time has passed since this clock was made. */
    Duration elapsed() {
        return Duration.ofNanos(nanos.get() - start);
    }

    @Override
    public Instant instant() {
        long now = nanos.get();
        return Instant.ofEpochSecond(now / 1_000_000_000L, now % 1_000_000_000L);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
