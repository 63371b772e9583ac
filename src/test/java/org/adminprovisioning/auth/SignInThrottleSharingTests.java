package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.adminprovisioning.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The throttle's counters live in the database, so instances share them: two throttles over one
 * database (two instances) draw from one budget, and concurrent requests never get more than the
 * budget between them. Runs on H2 and, in the postgres execution, on PostgreSQL.
 */
@DataJpaTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SignInThrottleSharingTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Autowired
    DataSource dataSource;

    private final MutableClock clock = new MutableClock();

    private SignInThrottle instance() {
        return new SignInThrottle(new JdbcTemplate(dataSource), clock,
                new SignInProtectionProperties(10, WINDOW, 60, Duration.ofMinutes(1), List.of()));
    }

    private static String bucket() {
        return "user:" + UUID.randomUUID();
    }

    @Test
    void twoInstances_drawFromOneBudget() {
        SignInThrottle first = instance();
        SignInThrottle second = instance();
        String bucket = bucket();

        for (int i = 0; i < 5; i++) {
            assertThat(first.acquire(bucket, 10, WINDOW).allowed()).isTrue();
            assertThat(second.acquire(bucket, 10, WINDOW).allowed()).isTrue();
        }

        SignInThrottle.Verdict eleventh = second.acquire(bucket, 10, WINDOW);
        assertThat(eleventh.allowed()).isFalse();
        assertThat(eleventh.retryAfter()).isBetween(Duration.ofMinutes(14), WINDOW);
        assertThat(first.acquire(bucket, 10, WINDOW).allowed()).isFalse();
    }

    @Test
    void concurrentRequests_onSeveralInstances_getExactlyTheBudget() throws Exception {
        List<SignInThrottle> instances = List.of(instance(), instance(), instance());
        String bucket = bucket();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> verdicts = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                SignInThrottle throttle = instances.get(i % instances.size());
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return throttle.acquire(bucket, 10, WINDOW).allowed();
                };
                verdicts.add(pool.submit(attempt));
            }
            start.countDown();
            long allowed = 0;
            for (Future<Boolean> verdict : verdicts) {
                allowed += verdict.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedUnit_isTakenAgain_andAnEndedWindowStartsOver() {
        SignInThrottle throttle = instance();
        String bucket = bucket();
        for (int i = 0; i < 10; i++) {
            throttle.acquire(bucket, 10, WINDOW);
        }
        throttle.release(bucket, WINDOW);
        assertThat(throttle.acquire(bucket, 10, WINDOW).allowed()).isTrue();
        assertThat(throttle.acquire(bucket, 10, WINDOW).allowed()).isFalse();

        clock.advance(WINDOW);

        assertThat(throttle.acquire(bucket, 10, WINDOW).allowed()).isTrue();
    }

    @Test
    void endedWindows_arePurged() {
        SignInThrottle throttle = instance();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String bucket = bucket();
        throttle.acquire(bucket, 10, WINDOW);

        clock.advance(WINDOW.plusSeconds(1));
        throttle.purge();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sign_in_throttle WHERE bucket = ?", Long.class, bucket))
                .isZero();
    }

    @Test
    void aWindowLongerThanTheSignInOnes_isNotPurgedBeforeItEnds() {
        SignInThrottle throttle = instance();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String bucket = bucket();
        Duration longer = WINDOW.multipliedBy(4);
        throttle.acquire(bucket, 1, longer);

        clock.advance(WINDOW.plusSeconds(1));
        throttle.purge();

        assertThat(throttle.acquire(bucket, 1, longer).allowed()).as("still within its own window").isFalse();
        clock.advance(longer);
        throttle.purge();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sign_in_throttle WHERE bucket = ?", Long.class, bucket))
                .isZero();
    }
}
