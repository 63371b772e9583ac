package org.adminprovisioning.auth;

import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.annotation.PreDestroy;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.InvalidCodeException;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Forgotten passwords. A request is answered the same way, at once, whoever the username is; what it
 * leads to is decided in the background: an ACTIVE admin gets Cognito's reset code, an INVITED one a
 * fresh invitation (its temporary password is the way in), anyone else nothing.
 */
@Service
public class ForgottenPasswordService {

    private static final Logger log = LoggerFactory.getLogger(ForgottenPasswordService.class);
    static final String ANONYMOUS = "anonymous";

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final InvitationResender invitations;
    private final PoolUsernames usernames;
    private final SignInAudit audit;
    private final Executor background;

    @Autowired
    ForgottenPasswordService(CognitoGateway cognito, AdminRecords records, InvitationResender invitations,
            PoolUsernames usernames, SignInAudit audit) {
        this(cognito, records, invitations, usernames, audit, boundedExecutor());
    }

    ForgottenPasswordService(CognitoGateway cognito, AdminRecords records, InvitationResender invitations,
            PoolUsernames usernames, SignInAudit audit, Executor background) {
        this.cognito = cognito;
        this.records = records;
        this.invitations = invitations;
        this.usernames = usernames;
        this.audit = audit;
        this.background = background;
    }

    /**
     * Two threads and a bounded queue of its own, so a flood of requests cannot exhaust memory (a full
     * queue drops the request) and Boot's application executor is left as it is (a bean would replace it).
     */
    private static Executor boundedExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(500);
        executor.setThreadNamePrefix("password-reset-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
        return executor;
    }

    @PreDestroy
    void stop() {
        if (background instanceof ThreadPoolTaskExecutor executor) {
            executor.shutdown();
        }
    }

    /**
     * Hands the request over and returns: nothing on this thread depends on who the username is, so
     * neither the answer nor its timing tells whether the account exists. Never throws for a username.
     */
    public void requestReset(String username) {
        try {
            background.execute(() -> handle(username.trim()));
        } catch (TaskRejectedException full) {
            log.warn("Dropped a password reset request: more are waiting than the queue holds");
        }
    }

    /** Runs in the background; every branch ends in one PASSWORD_RESET_REQUEST audit row. */
    void handle(String username) {
        Optional<AdminAccount> found = admin(username);
        try {
            if (found.isEmpty()) {
                audit.refused(Action.PASSWORD_RESET_REQUEST, ANONYMOUS, username, "no such admin: nothing sent");
                return;
            }
            AdminAccount admin = found.get();
            if (admin.status() == AdminStatus.ACTIVE) {
                cognito.forgotPassword(admin.cognitoUsername());
                audit.write(ANONYMOUS, Action.PASSWORD_RESET_REQUEST, admin.email(), Outcome.SUCCEEDED,
                        "reset code sent");
            } else if (admin.status() == AdminStatus.INVITED) {
                invitedAdmin(admin);
            } else {
                audit.refused(Action.PASSWORD_RESET_REQUEST, ANONYMOUS, admin.email(),
                        "admin is " + admin.status() + ": nothing sent");
            }
        } catch (RuntimeException e) {
            log.warn("Password reset request for {} failed: {}", username, e.getMessage());
            audit.write(ANONYMOUS, Action.PASSWORD_RESET_REQUEST, username, Outcome.FAILED,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * An invited admin's way in is its temporary password: a fresh invitation. Unless it already chose a
     * password and left the MFA setup that follows unfinished: then Cognito refuses the resend, and the
     * reset code is what helps.
     */
    private void invitedAdmin(AdminAccount admin) {
        if (invitations.resendInvitation(admin.email())) {
            audit.write(ANONYMOUS, Action.PASSWORD_RESET_REQUEST, admin.email(), Outcome.SUCCEEDED,
                    "invitation resent instead");
        } else if (cognito.findUser(admin.cognitoUsername()).map(CognitoUser::status)
                .filter(CognitoUserStatus.CONFIRMED::equals).isPresent()) {
            cognito.forgotPassword(admin.cognitoUsername());
            audit.write(ANONYMOUS, Action.PASSWORD_RESET_REQUEST, admin.email(), Outcome.SUCCEEDED,
                    "reset code sent: password chosen, MFA setup unfinished");
        } else {
            audit.refused(Action.PASSWORD_RESET_REQUEST, ANONYMOUS, admin.email(),
                    "invitation not resent (limit reached): nothing sent");
        }
    }

    /**
     * Sets a new password with the emailed code ({@code ConfirmForgotPassword}).
     *
     * @param username    what the person typed (email or Cognito username)
     * @param code        the code from the email
     * @param newPassword the new password
     * @throws InvalidCodeException             wrong or expired code, or no such user
     * @throws PasswordPolicyViolationException the pool's policy refused the new password; the code still works
     * @throws CognitoUnavailableException      Cognito could not be reached
     */
    public void confirmReset(String username, String code, String newPassword) {
        cognito.confirmForgotPassword(usernames.of(username), code, newPassword);
        audit.succeeded(Action.PASSWORD_RESET, username, null);
    }

    private Optional<AdminAccount> admin(String username) {
        try {
            return records.findByEmail(EmailAddress.of(username).value())
                    .or(() -> records.findByCognitoUsername(username));
        } catch (InvalidEmailException notAnEmail) {
            return records.findByCognitoUsername(username);
        }
    }
}
