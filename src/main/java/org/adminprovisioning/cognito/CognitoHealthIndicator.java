package org.adminprovisioning.cognito;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code cognito} health indicator: {@code DescribeUserPool} through the gateway (the in-process
 * pool in the default profile, the real one in {@code cognito}). Its answer is kept for
 * {@code cognito.health.cache-for} (30 s by default), so load balancers and dashboards polling
 * {@code /actuator/health} never spend the account's {@code UserPoolRead} quota.
 *
 * <p>Not in the readiness group (docs/operations.md): Cognito is shared by every instance, so taking
 * instances out of the load balancer when it is down helps nobody, and the admin list, the audit
 * trail and token validation (keys cached) keep working without it.
 */
@Component
@EnableConfigurationProperties(CognitoHealthIndicator.Settings.class)
class CognitoHealthIndicator implements HealthIndicator {

    private final CognitoGateway cognito;
    private final Settings settings;
    private final Clock clock;
    private Health last;
    private Instant lastAt = Instant.MIN;

    CognitoHealthIndicator(CognitoGateway cognito, Settings settings, Clock clock) {
        this.cognito = cognito;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        // A clock set back (NTP, a test's) must not keep an old answer for longer than asked.
        if (last == null || now.isBefore(lastAt) || !now.isBefore(lastAt.plus(settings.cacheFor()))) {
            last = check();
            lastAt = now;
        }
        return last;
    }

    private Health check() {
        try {
            PoolDescription pool = cognito.describePool();
            return Health.up().withDetail("userPoolId", pool.id()).withDetail("name", pool.name())
                    .withDetail("estimatedUsers", pool.estimatedUsers()).build();
        } catch (CognitoException e) {
            // The message names the API and Cognito's error code; it never carries a credential.
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }

    /**
     * {@code cognito.health.*}.
     *
     * @param cacheFor how long one {@code DescribeUserPool} answer stands for the pool's health
     *                 (env {@code COGNITO_HEALTH_CACHE_FOR}, 30 s by default)
     */
    @ConfigurationProperties("cognito.health")
    record Settings(@DefaultValue("30s") Duration cacheFor) {
    }
}
