package org.adminprovisioning.cognito;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * The {@code cognito} profile's driver: {@link AwsCognitoGateway} over the AWS SDK client. The default
 * profile drives the same class over an in-process pool ({@code inmemory.InMemoryCognitoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class CognitoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Profile("cognito")
    static class Aws {

        /** Credentials come from the SDK's default provider chain, never from our files. */
        @Bean(destroyMethod = "close")
        CognitoIdentityProviderClient cognitoIdentityProviderClient(CognitoProperties properties) {
            return client(properties);
        }

        @Bean
        AwsCognitoGateway awsCognitoGateway(CognitoIdentityProviderClient client, CognitoProperties properties,
                CognitoCalls calls) {
            return new AwsCognitoGateway(client, properties, calls);
        }
    }

    /** The SDK client for a real pool or an emulator: region, endpoint, timeouts and retries from configuration. */
    static CognitoIdentityProviderClient client(CognitoProperties properties) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(properties.apiCallTimeout())
                        .apiCallAttemptTimeout(properties.apiCallAttemptTimeout())
                        .retryStrategy(retryStrategy(properties.maxAttempts())));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    /**
     * The SDK's standard retry strategy (exponential backoff with jitter, retries throttling, 5xx
     * and network errors) with {@code cognito.max-attempts} attempts per call; 1 turns retries off.
     * Built in one piece: {@code retryStrategy(RetryMode)} followed by
     * {@code retryStrategy(builder -> ...)} would mutate the SDK's default (legacy) strategy and
     * silently drop the mode.
     */
    static RetryStrategy retryStrategy(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cognito.max-attempts must be at least 1, was " + maxAttempts);
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }
}
