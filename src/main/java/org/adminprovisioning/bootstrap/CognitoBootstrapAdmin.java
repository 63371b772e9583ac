package org.adminprovisioning.bootstrap;

import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.provisioning.Actor;
import org.adminprovisioning.provisioning.FailureReason;
import org.adminprovisioning.provisioning.OperationFailedException;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The first admin against a real pool ({@code cognito} profile). On start, when our
 * database has no ACTIVE admin and {@code provisioning.bootstrap-admin.email}
 * ({@code PROVISIONING_BOOTSTRAP_ADMIN_EMAIL}) is set:
 * <ul>
 * <li>a Cognito user with that email in the admin group is <em>adopted</em>: its records are
 * written ACTIVE when it is {@code CONFIRMED}, INVITED while it still has to set a password;</li>
 * <li>a Cognito user with that email outside the admin group is left alone, with a warning: being
 * in the pool does not make anyone an admin;</li>
 * <li>otherwise the admin is provisioned through the saga, and Cognito emails the invitation.</li>
 * </ul>
 * Never when an ACTIVE admin exists, and never with a password: against a real pool the
 * service neither chooses nor logs one. Failures are logged, not fatal: the next start tries again.
 */
@Component
@Profile("cognito")
class CognitoBootstrapAdmin implements ApplicationRunner {

    static final String ACTOR = "bootstrap";

    private static final Logger log = LoggerFactory.getLogger(CognitoBootstrapAdmin.class);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final ProvisionAdmin provisioning;
    private final AuditTrail audit;
    private final BootstrapProperties properties;

    CognitoBootstrapAdmin(CognitoGateway cognito, AdminRecords records, ProvisionAdmin provisioning,
            AuditTrail audit, BootstrapProperties properties) {
        this.cognito = cognito;
        this.records = records;
        this.provisioning = provisioning;
        this.audit = audit;
        this.properties = properties;
    }

    /** What the bootstrap did, for the log and the tests. */
    enum Result {
        NOT_CONFIGURED, ADMIN_EXISTS, ALREADY_RECORDED, ADOPTED_ACTIVE, ADOPTED_INVITED, NOT_IN_ADMIN_GROUP,
        DISABLED_IN_COGNITO, PROVISIONED, FAILED
    }

    @Override
    public void run(ApplicationArguments args) {
        bootstrap();
    }

    Result bootstrap() {
        String configured = properties.email();
        if (configured == null || configured.isBlank()) {
            log.debug("No bootstrap admin configured (PROVISIONING_BOOTSTRAP_ADMIN_EMAIL)");
            return Result.NOT_CONFIGURED;
        }
        if (records.anyActiveAdmin()) {
            return Result.ADMIN_EXISTS;
        }
        EmailAddress email = EmailAddress.of(configured);
        try {
            return bootstrap(email);
        } catch (AdminAlreadyExistsException e) {
            return recordedConcurrently(email);
        } catch (OperationFailedException e) {
            if (e.reason() == FailureReason.ADMIN_EXISTS) {
                return recordedConcurrently(email);
            }
            return failed(email, e);
        } catch (RuntimeException e) {
            return failed(email, e);
        }
    }

    /** Another instance starting at the same moment won the race: its admin is ours. */
    private Result recordedConcurrently(EmailAddress email) {
        log.info("Bootstrap admin {} was recorded concurrently by another instance", email);
        return Result.ALREADY_RECORDED;
    }

    /** Cognito, the provisioning or the database failed: logged and audited, never fatal to start-up. */
    private Result failed(EmailAddress email, RuntimeException e) {
        log.error("Could not bootstrap admin {}: {}. No admin can sign in until this succeeds; it is retried "
                + "on the next start.", email, e.getMessage());
        try {
            audit.record(ACTOR, Action.BOOTSTRAP_ADMIN, email.value(), Outcome.FAILED, e.getClass().getSimpleName());
        } catch (RuntimeException auditFailed) {
            log.error("Could not audit the failed bootstrap: {}", auditFailed.toString());
        }
        return Result.FAILED;
    }

    private Result bootstrap(EmailAddress email) {
        Optional<AdminAccount> recorded = records.findByEmail(email.value());
        if (recorded.isPresent()) {
            return alreadyRecorded(recorded.get());
        }
        Optional<CognitoUser> existing = cognito.findUser(email.value());
        if (existing.isEmpty()) {
            provisioning.provision(new ProvisionCommand(email, Actor.service(ACTOR), null));
            log.info("Bootstrap admin {} provisioned: Cognito emails the invitation with a temporary password", email);
            return Result.PROVISIONED;
        }
        CognitoUser user = existing.get();
        if (!cognito.isInAdminGroup(user.username())) {
            log.warn("Bootstrap admin {} exists in the Cognito pool (user {}) but is not in the admin group: not "
                    + "adopted. Add it to the group, or choose another PROVISIONING_BOOTSTRAP_ADMIN_EMAIL.", email,
                    user.username());
            audit.record(ACTOR, Action.BOOTSTRAP_ADMIN, email.value(), Outcome.REFUSED, "not in admin group");
            return Result.NOT_IN_ADMIN_GROUP;
        }
        if (!user.enabled()) {
            log.warn("Bootstrap admin {} is disabled in the Cognito pool: not adopted. Enable it first.", email);
            audit.record(ACTOR, Action.BOOTSTRAP_ADMIN, email.value(), Outcome.REFUSED, "disabled in Cognito");
            return Result.DISABLED_IN_COGNITO;
        }
        if (user.status() == CognitoUserStatus.CONFIRMED) {
            records.createActiveAdminRecords(email.value(), user.username(), user.sub());
            audit.record(ACTOR, Action.BOOTSTRAP_ADMIN, email.value(), Outcome.SUCCEEDED, "adopted, active");
            log.info("Bootstrap admin {} adopted from the Cognito pool (user {}, active)", email, user.username());
            return Result.ADOPTED_ACTIVE;
        }
        records.createAdminDatabaseRecords(email.value(), user.username(), user.sub(), null);
        audit.record(ACTOR, Action.BOOTSTRAP_ADMIN, email.value(), Outcome.SUCCEEDED,
                "adopted, invited (" + user.status() + ")");
        log.info("Bootstrap admin {} adopted from the Cognito pool (user {}, {}): active after its first sign-in",
                email, user.username(), user.status());
        return Result.ADOPTED_INVITED;
    }

    /**
     * Records exist but none is ACTIVE: the bootstrap admin was invited on an earlier start and has
     * not signed in since. Nothing to create; catch up if Cognito says it set its password.
     */
    private Result alreadyRecorded(AdminAccount admin) {
        if (admin.status() == AdminStatus.INVITED) {
            cognito.findUser(admin.cognitoUsername())
                    .filter(user -> user.status() == CognitoUserStatus.CONFIRMED)
                    .ifPresent(user -> records.activate(admin.cognitoUsername()));
        }
        log.info("Bootstrap admin {} is already recorded ({}); waiting for its first sign-in", admin.email(),
                admin.status());
        return Result.ALREADY_RECORDED;
    }
}
