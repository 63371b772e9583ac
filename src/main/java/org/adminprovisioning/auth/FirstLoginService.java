package org.adminprovisioning.auth;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.SignInResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Sign-in and the forced password change of a new admin's first sign-in. */
@Service
public class FirstLoginService {

    private static final Logger log = LoggerFactory.getLogger(FirstLoginService.class);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final AuditTrail audit;

    FirstLoginService(CognitoGateway cognito, AdminRecords records, AuditTrail audit) {
        this.cognito = cognito;
        this.records = records;
        this.audit = audit;
    }

    /**
     * Completes a new admin's first sign-in: {@code InitiateAuth} ({@code USER_PASSWORD_AUTH})
     * with the temporary password, which Cognito answers with the {@code NEW_PASSWORD_REQUIRED}
     * challenge and a session; then {@code RespondToAuthChallenge} ({@code NEW_PASSWORD}) with the
     * chosen password. Cognito makes the user {@code CONFIRMED} and issues its first tokens; our
     * {@code User} becomes ACTIVE and {@code AdminInfo.activatedAt} is set.
     *
     * <p>Called by {@code POST /auth/new-password-challenge}: the frontend calls it after the new
     * admin, signing in for the first time with the emailed temporary password, submits a new
     * password. No authentication is needed: the temporary password is the credential.
     *
     * @param username          {@code String}, the admin's email (or Cognito username)
     * @param temporaryPassword {@code String}, the temporary password from the invitation email
     * @param newPassword       {@code String}, the permanent password the admin chose
     * @return on success the first {@link AuthTokens}: access, id and refresh token, expiry in
     *         seconds and type {@code Bearer}
     * @throws InvalidCredentialsException      the temporary password is wrong or expired (after 7
     *                                          days by default; ask for a resend), or the user is
     *                                          unknown or disabled
     * @throws PasswordPolicyViolationException the pool's password policy refused the new password;
     *                                          nothing changed, the temporary password still works
     * @throws NoChallengePendingException      the password signed in without a challenge: the admin
     *                                          is already active
     * @throws CognitoUnavailableException      Cognito could not be reached
     */
    public AuthTokens handleNewPasswordChallenge(String username, String temporaryPassword, String newPassword) {
        // A refusal is audited by SignInGuardFilter, as actor "anonymous" with the client's address:
        // the username typed here is the target of an attempt, not a proven actor.
        SignInResult result = cognito.signIn(username, temporaryPassword);
        if (!(result instanceof SignInResult.NewPasswordRequired challenge)) {
            throw new NoChallengePendingException("This account has no password change pending: sign in with "
                    + "POST /auth/login instead");
        }
        AuthTokens tokens = cognito.respondToNewPasswordChallenge(challenge.username(), challenge.session(),
                newPassword);
        try {
            records.activate(challenge.username());
            audit.record(challenge.username(), Action.FIRST_LOGIN, username, Outcome.SUCCEEDED, null);
        } catch (RuntimeException e) {
            // Cognito already confirmed the user; the first request with these tokens activates it
            // (AdminAuthenticationConverter), so the admin is not locked out by a lost write.
            log.warn("Could not mark admin {} active after first sign-in: {}", challenge.username(), e.toString());
        }
        return tokens;
    }

    /**
     * Signs in with a username (or email) and password.
     *
     * @return tokens, or the {@code NEW_PASSWORD_REQUIRED} challenge when the password is temporary
     * @throws InvalidCredentialsException wrong or expired password, unknown or disabled user
     */
    public SignInResult login(String username, String password) {
        return cognito.signIn(username, password);
    }
}
