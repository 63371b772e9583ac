package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import org.adminprovisioning.testsupport.PostgresOnly;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two instances (two limiters over one PostgreSQL schema, its {@code cognito_quota_buckets} made by
 * Flyway) draw from one bucket per quota category: together they keep to the account's quota, where
 * two separate limiters would each spend it in full.
 */
@PostgresOnly
@DataJpaTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class QuotaSharingTests {

    @Autowired
    DataSource dataSource;

    private final FakeTime time = new FakeTime();

    private QuotaLimiter instance() {
        return CognitoQuotaConfiguration.sharedLimiter(dataSource,
                QuotaLimiterTests.quotas(50, Duration.ofMinutes(1)), time, time);
    }

    @Test
    void twoInstances_shareOneBucket_andTogetherKeepToTheQuota() throws InterruptedException {
        QuotaLimiter first = instance();
        QuotaLimiter second = instance();

        for (int i = 0; i < 55; i++) {
            assertThat(first.acquire(QuotaCategory.USER_CREATION)).isTrue();
            assertThat(second.acquire(QuotaCategory.USER_CREATION)).isTrue();
        }

        // 110 creations: a burst of 10, then 100 at 50 per second between them; two separate buckets
        // would have let each instance go at 50 per second (0.9 s).
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aNewInstance_findsTheBucketWhereTheOthersLeftIt() throws InterruptedException {
        QuotaLimiter first = instance();
        for (int i = 0; i < 10; i++) {
            first.acquire(QuotaCategory.USER_LIST); // UserList 30/s: a burst of 6, then 4 × 1/30 s
        }
        Duration spent = time.elapsed();

        instance().acquire(QuotaCategory.USER_LIST);

        assertThat(spent).isGreaterThan(Duration.ZERO);
        assertThat(time.elapsed().minus(spent)).isBetween(Duration.ofMillis(33), Duration.ofMillis(34));
    }
}
