package org.adminprovisioning.cognito.inmemory;

import java.time.Clock;

import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoCalls;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The default profile's Cognito: {@link AwsCognitoGateway}, with its request building, mapping and
 * error translation, composed with an {@link InMemoryUserPool} that lives in this JVM instead of a
 * pool in AWS. Nothing leaves the process; its emails land in the {@link InMemoryOutbox}, and its
 * MFA setting is {@code cognito.in-memory.mfa} ({@link InMemoryPoolProperties}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("default")
@EnableConfigurationProperties(InMemoryPoolProperties.class)
class InMemoryCognitoConfiguration {

    @Bean
    InMemoryTokenIssuer inMemoryTokenIssuer(CognitoProperties properties, Clock clock) {
        return new InMemoryTokenIssuer(properties.issuerUri(), properties.clientId(), clock);
    }

    @Bean
    InMemoryOutbox inMemoryOutbox() {
        return new InMemoryOutbox();
    }

    @Bean
    InMemoryUserPool inMemoryUserPool(CognitoProperties properties, InMemoryPoolProperties pool,
            InMemoryTokenIssuer tokens, InMemoryOutbox outbox, Clock clock) {
        return new InMemoryUserPool(properties, PasswordPolicy.cognitoDefault(), tokens, outbox, clock, pool.mfa());
    }

    /**
     * The gateway drives the pool as it drives Cognito: through the same paced calls, behind the pool's
     * own quotas and latency when {@code cognito.in-memory.quotas.*} or {@code .latency} ask for them.
     */
    @Bean
    AwsCognitoGateway inMemoryCognitoGateway(InMemoryUserPool pool, InMemoryPoolProperties poolProperties,
            CognitoProperties properties, CognitoCalls calls, Clock clock) {
        return new AwsCognitoGateway(QuotaFaithfulPool.around(pool, poolProperties, clock), properties, calls);
    }
}
