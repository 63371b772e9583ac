package org.adminprovisioning.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts a {@link MutableClock} in place of the service's clock. A top-level class imported by name, so
 * that Spring never mistakes it for a suite's nested default configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

    @Bean
    @Primary
    MutableClock movableClock() {
        return new MutableClock();
    }
}
