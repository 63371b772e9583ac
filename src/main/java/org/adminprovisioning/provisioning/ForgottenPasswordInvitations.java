package org.adminprovisioning.provisioning;

import java.time.Duration;
import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.auth.InvitationResender;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.springframework.stereotype.Component;

/**
 * The invitation an INVITED admin gets instead of a password-reset code (DESIGN §9): the resend of
 * {@link AdminProvisioningService#resendAdminInvite}, without an admin caller, counted against the same
 * per-hour limit (audit rows {@code RESEND_INVITE}/{@code SUCCEEDED} of the admin's email).
 *
 * <p>Minimal on purpose: {@code resendAdminInvite} requires an authenticated admin, so its steps are
 * repeated here (limit, {@code AdminCreateUser} RESEND, invite count, audit) until the resend operation
 * of the engine (DESIGN §8) can be called without one; then this class should delegate to it.
 */
@Component
class ForgottenPasswordInvitations implements InvitationResender {

    /** The window of {@code provisioning.max-resends-per-hour}, as in {@code AdminProvisioningService}. */
    private static final Duration RESEND_WINDOW = Duration.ofHours(1);
    static final String ACTOR = "forgot-password";

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final AuditTrail audit;
    private final TemporaryPasswordGenerator passwords;
    private final ProvisioningProperties properties;

    ForgottenPasswordInvitations(CognitoGateway cognito, AdminRecords records, AuditTrail audit,
            TemporaryPasswordGenerator passwords, ProvisioningProperties properties) {
        this.cognito = cognito;
        this.records = records;
        this.audit = audit;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public boolean resendInvitation(String email) {
        Optional<AdminAccount> found = records.findByEmail(email);
        if (found.isEmpty() || found.get().status() != AdminStatus.INVITED) {
            return false;
        }
        AdminAccount admin = found.get();
        if (audit.count(admin.email(), Action.RESEND_INVITE, Outcome.SUCCEEDED, RESEND_WINDOW)
                >= properties.maxResendsPerHour()) {
            audit.record(ACTOR, Action.RESEND_INVITE, admin.email(), Outcome.REFUSED, "limit reached");
            return false;
        }
        try {
            cognito.resendInvite(admin.cognitoUsername(), passwords.generate());
        } catch (InvalidInviteException e) {
            // Cognito refuses a resend once the user chose a password (MFA setup left unfinished).
            audit.record(ACTOR, Action.RESEND_INVITE, admin.email(), Outcome.REFUSED, "not FORCE_CHANGE_PASSWORD");
            return false;
        } catch (CognitoException e) {
            audit.record(ACTOR, Action.RESEND_INVITE, admin.email(), Outcome.FAILED, e.getClass().getSimpleName());
            throw e;
        }
        records.recordInviteResent(admin.id());
        audit.record(ACTOR, Action.RESEND_INVITE, admin.email(), Outcome.SUCCEEDED, null);
        return true;
    }
}
