package org.adminprovisioning.cognito;

import java.sql.DatabaseMetaData;
import java.time.Clock;

import javax.sql.DataSource;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Every profile's {@link CognitoCalls}: paced by buckets in PostgreSQL when that is the database (so
 * every instance shares the account's quotas; the table is {@code cognito_quota_buckets}, Flyway V9),
 * by buckets in this JVM otherwise (H2 is one instance's database), not at all with
 * {@code cognito.quotas.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
class CognitoQuotaConfiguration {

    static final String TABLE = "cognito_quota_buckets";

    @Bean
    CognitoCalls cognitoCalls(CognitoQuotaProperties quotas, DataSource dataSource, Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        QuotaLimiter limiter = !quotas.enabled() ? null
                : isPostgreSql(dataSource) ? sharedLimiter(dataSource, quotas, clock, BlockingStrategy.PARKING)
                : QuotaLimiter.local(quotas, clock, BlockingStrategy.PARKING);
        return new CognitoCalls(limiter, meters.getIfAvailable(SimpleMeterRegistry::new), quotas.throttleRetries(),
                quotas.throttleBackoff());
    }

    static QuotaLimiter sharedLimiter(DataSource dataSource, CognitoQuotaProperties quotas, Clock clock,
            BlockingStrategy waiting) {
        return QuotaLimiter.shared(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(QuotaLimiter.time(clock))
                .build(), quotas, waiting);
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database paces Cognito's quotas", e);
        }
    }
}
