package org.adminprovisioning.provisioning;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import org.adminprovisioning.testsupport.StandingClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The context of the {@link EngineHarness} suites: the real journal, records, audit trail and
 * transactions on the test database, no server (a mock web environment), no scheduled reconciler (the harness runs
 * its own), and a {@link HarnessClock} that only the harness moves. Suites with this annotation
 * share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:engine-harness;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000",
    "provisioning.reconciler.enabled=false",
    "provisioning.bootstrap-admin.password=Harness-Bootstrap-1",
    // Thousands of injected faults: their warnings would drown the build log; violations carry the fired faults.
    "logging.level.org.adminprovisioning=OFF",
    "logging.level.org.hibernate.orm.jdbc.error=OFF",
    "spring.main.banner-mode=off"
})
@Import(EngineHarnessTest.ClockConfiguration.class)
@interface EngineHarnessTest {

    @TestConfiguration(proxyBeanMethods = false)
    class ClockConfiguration {

        @Bean
        @Primary
        HarnessClock harnessClock() {
            return new HarnessClock();
        }
    }

    /** Stands still unless the harness moves it, so runs are repeatable and staleness is exact. */
    static final class HarnessClock extends StandingClock {

        HarnessClock() {
            super(Instant.parse("2026-01-05T09:00:00Z"));
        }
    }
}
