package org.adminprovisioning.bootstrap;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.provisioning.TemporaryPasswordGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The default profile's first admin, so a person can sign in right after {@code spring-boot:run}:
 * a confirmed Cognito user in the in-memory pool with a permanent password, and its ACTIVE
 * records. When no password is configured one is generated and printed once, the way Spring
 * Security prints its generated password: the only secret this service ever logs, and only here.
 */
@Component
@Profile("default")
class InMemoryBootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InMemoryBootstrapAdmin.class);

    private final InMemoryUserPool pool;
    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final AuditTrail audit;
    private final BootstrapProperties properties;

    InMemoryBootstrapAdmin(InMemoryUserPool pool, CognitoGateway cognito, AdminRecords records, AuditTrail audit,
            BootstrapProperties properties) {
        this.pool = pool;
        this.cognito = cognito;
        this.records = records;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (records.anyActiveAdmin()) {
            return;
        }
        EmailAddress email = EmailAddress.of(properties.email());
        String password = properties.password();
        boolean generated = password.isBlank();
        if (generated) {
            password = new TemporaryPasswordGenerator(20).generate();
        }
        CognitoUser user = cognito.findUser(pool.createConfirmedAdmin(email.value(), password)).orElseThrow();
        records.createActiveAdminRecords(email.value(), user.username(), user.sub());
        audit.record("bootstrap", Action.BOOTSTRAP_ADMIN, email.value(), Outcome.SUCCEEDED, "in-memory pool");
        if (generated) {
            String nl = System.lineSeparator();
            log.warn(nl + nl + "Bootstrap admin: {}" + nl + "Using generated bootstrap admin password: {}" + nl + nl
                    + "This password is for development use only (in-memory Cognito pool). Set "
                    + "PROVISIONING_BOOTSTRAP_ADMIN_PASSWORD to choose one." + nl, email, password);
        } else {
            log.info("Bootstrap admin {} created with the configured password", email);
        }
    }
}
