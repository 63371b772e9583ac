package org.adminprovisioning.provisioning;

import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.auth.InvitationResender;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.springframework.stereotype.Component;

/**
 * The invitation an INVITED admin gets instead of a password-reset code: the engine's resend, asked
 * for by the service on the admin's behalf, counted against the same per-hour limit and journaled
 * like any other.
 */
@Component
class ForgottenPasswordInvitations implements InvitationResender {

    static final String ACTOR = "forgot-password";

    private final ResendInvite resend;

    ForgottenPasswordInvitations(ResendInvite resend) {
        this.resend = resend;
    }

    @Override
    public boolean resendInvitation(String email) {
        try {
            resend.resend(EmailAddress.of(email), Actor.service(ACTOR));
            return true;
        } catch (OperationFailedException refused) {
            // Not (or no longer) invited, or the hour's resends are used up: the refusal is audited already.
            return false;
        } catch (InvalidInviteException notForceChangePassword) {
            // Cognito refuses a resend once the user chose a password (MFA setup left unfinished).
            return false;
        }
    }
}
