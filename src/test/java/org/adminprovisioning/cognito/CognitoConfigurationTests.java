package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The SDK client's retry policy is what {@code cognito.max-attempts} says, in the standard mode. */
class CognitoConfigurationTests {

    @Test
    void retryStrategy_isTheStandardStrategy_withTheConfiguredAttempts() {
        RetryStrategy strategy = CognitoConfiguration.retryStrategy(3);

        assertThat(strategy).isInstanceOf(StandardRetryStrategy.class);
        assertThat(strategy.maxAttempts()).isEqualTo(3);
    }

    @Test
    void retryStrategy_withOneAttempt_turnsRetriesOff_asEmulatorsNeed() {
        assertThat(CognitoConfiguration.retryStrategy(1).maxAttempts()).isEqualTo(1);
    }

    @Test
    void client_isBuiltWithTheConfiguredRetryStrategyTimeoutsAndEndpoint() {
        CognitoProperties properties = new CognitoProperties("eu-west-1_Pool", "client-1", "", "eu-west-1", "admins",
                java.net.URI.create("http://127.0.0.1:1"), "", "", Duration.ofSeconds(7), Duration.ofSeconds(2), 5,
                Duration.ofDays(7));

        try (CognitoIdentityProviderClient client = CognitoConfiguration.client(properties)) {
            var configuration = client.serviceClientConfiguration();
            assertThat(configuration.overrideConfiguration().retryStrategy()).get()
                    .isInstanceOf(StandardRetryStrategy.class)
                    .extracting(RetryStrategy::maxAttempts).isEqualTo(5);
            assertThat(configuration.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(7));
            assertThat(configuration.overrideConfiguration().apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
            assertThat(configuration.endpointOverride()).contains(java.net.URI.create("http://127.0.0.1:1"));
            assertThat(configuration.region().id()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void retryStrategy_refusesLessThanOneAttempt() {
        assertThatThrownBy(() -> CognitoConfiguration.retryStrategy(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cognito.max-attempts");
    }
}
