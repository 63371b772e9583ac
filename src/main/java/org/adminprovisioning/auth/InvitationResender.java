package org.adminprovisioning.auth;

/**
 * Sends an invited admin a fresh invitation: what a forgotten-password request gets while the admin has
 * not signed in yet (docs/api.md, sign-in). A port, so that sign-in does not depend on provisioning; provisioning
 * implements it with its resend operation.
 */
public interface InvitationResender {

    /**
     * Resends the invitation ({@code AdminCreateUser} with {@code MessageAction=RESEND}, a new temporary
     * password), counted against the same per-admin limit as {@code POST /admins/resend-invite}, and
     * audited by the implementation. Nobody signed in asked for it: there is no admin caller.
     *
     * @param email {@code String}, the invited admin's email, normalized
     * @return {@code true} when an invitation was sent; {@code false} when the admin is not (or no longer)
     *         INVITED, or the resend limit is reached
     * @throws org.adminprovisioning.cognito.CognitoUnavailableException Cognito could not be reached
     */
    boolean resendInvitation(String email);
}
