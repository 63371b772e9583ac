package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The pacing of Cognito calls by quota category, measured on a clock that moves only while callers wait. */
class QuotaLimiterTests {

    private final FakeTime time = new FakeTime();

    static CognitoQuotaProperties quotas(int userCreation, Duration maxWait) {
        return new CognitoQuotaProperties(true, userCreation, 120, 30, 120, 25, 30, 15, maxWait, 4, Duration.ofMillis(100));
    }

    @Test
    void callsOfACategory_leaveAtItsQuotaRate_afterAShortBurst() throws InterruptedException {
        QuotaLimiter limiter = QuotaLimiter.local(quotas(50, Duration.ofMinutes(1)), time, time);

        for (int i = 0; i < 510; i++) {
            assertThat(limiter.acquire(QuotaCategory.USER_CREATION)).isTrue();
        }

        // A burst of 10 (a fifth of a second's worth) leaves at once, the other 500 at 50 per second.
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void categories_arePacedApart() throws InterruptedException {
        QuotaLimiter limiter = QuotaLimiter.local(quotas(50, Duration.ofMinutes(1)), time, time);

        for (int i = 0; i < 24; i++) {
            limiter.acquire(QuotaCategory.USER_READ);
        }
        assertThat(time.elapsed()).isZero(); // UserRead's burst is 120 / 5 = 24
        for (int i = 0; i < 10; i++) {
            limiter.acquire(QuotaCategory.USER_CREATION);
        }
        assertThat(time.elapsed()).isZero(); // UserCreation's own burst, untouched by the reads

        limiter.acquire(QuotaCategory.USER_LIST);
        limiter.acquire(QuotaCategory.USER_CREATION);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void anIdleQuota_refillsAtItsRate() throws InterruptedException {
        QuotaLimiter limiter = QuotaLimiter.local(quotas(50, Duration.ofMinutes(1)), time, time);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(QuotaCategory.USER_CREATION);
        }
        time.advance(Duration.ofMillis(100)); // 5 slots come back, never more than the burst

        Duration before = time.elapsed();
        for (int i = 0; i < 5; i++) {
            limiter.acquire(QuotaCategory.USER_CREATION);
        }
        assertThat(time.elapsed()).isEqualTo(before);
        limiter.acquire(QuotaCategory.USER_CREATION);
        assertThat(time.elapsed()).isEqualTo(before.plusMillis(20));
    }

    @Test
    void aTurnFurtherAwayThanTheMaximumWait_isRefusedAndTakesNothing() throws InterruptedException {
        // Callers that wait without moving the clock: many threads queued at the same moment.
        QuotaLimiter limiter = QuotaLimiter.local(quotas(10, Duration.ofMillis(250)), time, nanos -> { });
        for (int i = 0; i < 4; i++) { // a burst of 2, then turns 100 ms and 200 ms away
            assertThat(limiter.acquire(QuotaCategory.USER_CREATION)).isTrue();
        }

        assertThat(limiter.acquire(QuotaCategory.USER_CREATION)).isFalse(); // 300 ms away
        time.advance(Duration.ofMillis(100));
        assertThat(limiter.acquire(QuotaCategory.USER_CREATION)).isTrue(); // the refused turn was not taken
        assertThat(limiter.acquire(QuotaCategory.USER_CREATION)).isFalse();
    }

    @Test
    void quotasBelowOneRequestPerSecond_areRefused() {
        assertThatThrownBy(() -> quotas(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cognito.quotas");
    }

    @Test
    void everyApiTheGatewayCalls_hasACategory_andAnUnknownOneIsRefused() {
        assertThat(QuotaCategory.of("AdminCreateUser(RESEND)")).isEqualTo(QuotaCategory.USER_CREATION);
        assertThat(QuotaCategory.of("RespondToAuthChallenge(MFA_SETUP)")).isEqualTo(QuotaCategory.USER_AUTHENTICATION);
        assertThat(QuotaCategory.of("ListUsersInGroup")).isEqualTo(QuotaCategory.USER_LIST);
        assertThat(QuotaCategory.of("AdminGetUser")).isEqualTo(QuotaCategory.USER_READ);
        assertThat(QuotaCategory.of("AdminDeleteUser")).isEqualTo(QuotaCategory.USER_UPDATE);
        assertThat(QuotaCategory.of("ForgotPassword")).isEqualTo(QuotaCategory.USER_ACCOUNT_RECOVERY);
        assertThat(QuotaCategory.of("DescribeUserPool")).isEqualTo(QuotaCategory.USER_POOL_READ);
        assertThatThrownBy(() -> QuotaCategory.of("CreateUserPool")).isInstanceOf(IllegalArgumentException.class);
    }
}
