package org.adminprovisioning.cognito.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.testsupport.StandingClock;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/** The in-memory pool in its quota-faithful mode: Cognito's throttling and network latency, on request. */
class QuotaFaithfulPoolTests {

    private static final CognitoProperties settings = TestProperties.defaults("cognito", CognitoProperties.class);
    private static final String TEMPORARY = "Temp-Passw0rd!";

    private final StandingClock clock = new StandingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryUserPool pool = new InMemoryUserPool(settings, PasswordPolicy.cognitoDefault(),
            new InMemoryTokenIssuer(settings.issuerUri(), settings.clientId(), clock), new InMemoryOutbox(), clock);

    private static InMemoryPoolProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cognito.in-memory", InMemoryPoolProperties.class);
    }

    @Test
    void byDefault_thePoolHasNoQuotaAndNoLatency_andIsUsedAsItIs() {
        InMemoryPoolProperties defaults = bind(Map.of());

        assertThat(defaults.latency()).isZero();
        assertThat(QuotaFaithfulPool.around(pool, defaults, clock)).isSameAs(pool);
    }

    @Test
    void overItsQuota_thePoolRefusesWithCognitosOwnThrottle_untilTheRateAllowsAgain() {
        CognitoIdentityProviderClient throttling = QuotaFaithfulPool.around(pool,
                bind(Map.of("cognito.in-memory.quotas.user-creation", "2")), clock);
        AwsCognitoGateway gateway = new AwsCognitoGateway(throttling, settings);

        gateway.createAdminUser("a@example.com", TEMPORARY);
        gateway.createAdminUser("b@example.com", TEMPORARY);
        assertThatThrownBy(() -> gateway.createAdminUser("c@example.com", TEMPORARY))
                .isInstanceOf(CognitoThrottledException.class).hasCauseInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("TooManyRequestsException (400): Too many requests");
        assertThat(gateway.findUser("c@example.com")).as("refused before the pool acted").isEmpty();
        gateway.addToAdminGroup(gateway.findUser("a@example.com").orElseThrow().username()); // other categories: no quota

        clock.advance(Duration.ofMillis(500));
        gateway.createAdminUser("c@example.com", TEMPORARY);
        assertThatThrownBy(() -> gateway.createAdminUser("d@example.com", TEMPORARY))
                .isInstanceOf(CognitoThrottledException.class);
    }

    @Test
    void describingThePool_isAnsweredUnderItsOwnQuota_soHealthAndThePasswordPolicyWorkInThisMode() {
        var faithful = QuotaFaithfulPool.around(pool, bind(Map.of("cognito.in-memory.quotas.user-pool-read", "1",
                "cognito.in-memory.quotas.user-creation", "50")), clock);
        var describe = DescribeUserPoolRequest.builder().userPoolId(settings.userPoolId()).build();

        assertThat(faithful.describeUserPool(describe).userPool().policies().passwordPolicy().minimumLength())
                .isEqualTo(PasswordPolicy.cognitoDefault().minimumLength());
        assertThatThrownBy(() -> faithful.describeUserPool(describe)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aResend_countsAgainstUserCreation_asAtCognito() {
        CognitoIdentityProviderClient throttling = QuotaFaithfulPool.around(pool,
                bind(Map.of("cognito.in-memory.quotas.user-creation", "1")), clock);
        AwsCognitoGateway gateway = new AwsCognitoGateway(throttling, settings);
        String username = gateway.createAdminUser("a@example.com", TEMPORARY).username();

        assertThatThrownBy(() -> gateway.resendInvite(username, TEMPORARY)).isInstanceOf(CognitoThrottledException.class);
    }

    @Test
    void everyCall_takesTheConfiguredLatency() {
        InMemoryPoolProperties slow = bind(Map.of("cognito.in-memory.latency", "40ms"));
        AwsCognitoGateway gateway = new AwsCognitoGateway(QuotaFaithfulPool.around(pool, slow, clock), settings);
        assertThat(slow.latency()).isEqualTo(Duration.ofMillis(40));

        long start = System.nanoTime();
        gateway.createAdminUser("a@example.com", TEMPORARY);
        gateway.findUser("a@example.com");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }
}
