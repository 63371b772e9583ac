package org.adminprovisioning.provisioning;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.testsupport.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * What {@code @DataJpaTest} slices need beyond the repositories: the records, the journal
 * (package-private), the audit trail, and a clock the tests can move. One import for every
 * persistence slice, so they share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({AdminRecords.class, Journal.class, AuditTrail.class})
public class PersistenceSliceConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }
}
