package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.adminprovisioning.cognito.SignInResult;
import org.adminprovisioning.cognito.TemporaryPasswordExpiredException;
import org.springframework.stereotype.Service;

/** Sign-in with a password, and the forced password change of a new admin's first sign-in. */
@Service
public class FirstLoginService {

    private final CognitoGateway cognito;
    private final SignInSteps steps;
    private final FirstSignIns firstSignIns;
    private final SignInAudit audit;

    FirstLoginService(CognitoGateway cognito, SignInSteps steps, FirstSignIns firstSignIns, SignInAudit audit) {
        this.cognito = cognito;
        this.steps = steps;
        this.firstSignIns = firstSignIns;
        this.audit = audit;
    }

    /**
     * Completes a new admin's first sign-in: {@code InitiateAuth} ({@code USER_PASSWORD_AUTH}) with the
     * temporary password, which Cognito answers with the {@code NEW_PASSWORD_REQUIRED} challenge and a
     * session; then {@code RespondToAuthChallenge} ({@code NEW_PASSWORD}) with the chosen password, which
     * Cognito stores at once (the user becomes {@code CONFIRMED}). Cognito then either issues the first
     * tokens, and our {@code User} becomes ACTIVE with {@code AdminInfo.activatedAt} set; or, in a pool
     * that requires MFA, answers {@code MFA_SETUP}: the service calls {@code AssociateSoftwareToken} for
     * the client and answers the secret to add to an authenticator app, and the admin becomes ACTIVE when
     * {@code POST /auth/mfa-setup} completes the sign-in ({@link MfaSignInService#completeMfaSetup}).
     *
     * <p>Called by {@code POST /auth/new-password-challenge}: the frontend calls it after the new
     * admin, signing in for the first time with the emailed temporary password, submits a new
     * password. No authentication is needed: the temporary password is the credential. Every outcome
     * is audited ({@code FIRST_LOGIN}), without the passwords.
     *
     * @param username          {@code String}, the admin's email (or Cognito username)
     * @param temporaryPassword {@code String}, the temporary password from the invitation email
     * @param newPassword       {@code String}, the permanent password the admin chose
     * @return on success a {@link SignInStep}: {@link SignInStep.SignedIn} with the first tokens (access,
     *         id and refresh token, expiry in seconds, type {@code Bearer}), or
     *         {@link SignInStep.MfaSetupRequired} with the session, the TOTP secret ({@code secretCode}) and
     *         its {@code otpauthUri}, when the pool requires MFA (the new password is already set then)
     * @throws InvalidCredentialsException        the temporary password is wrong, or the user is unknown
     *                                            or disabled
     * @throws TemporaryPasswordExpiredException the temporary password was right but has expired (after 7
     *                                            days by default): only a new invitation helps, which any
     *                                            admin can send ({@code POST /admins/resend-invite})
     * @throws PasswordPolicyViolationException  the pool's password policy refused the new password;
     *                                            nothing changed, the temporary password still works
     * @throws NoChallengePendingException       the password signed in without a password change (tokens
     *                                            or an MFA challenge): the admin already set a password
     * @throws SessionExpiredException           Cognito's challenge session expired between the two calls
     * @throws CognitoUnavailableException       Cognito could not be reached
     */
    public SignInStep handleNewPasswordChallenge(String username, String temporaryPassword, String newPassword) {
        // A refusal is audited by SignInGuardFilter, as actor "anonymous" with the client's address: the
        // username typed here is the target of an attempt, not a proven actor.
        SignInResult first = cognito.signIn(username, temporaryPassword);
        if (!(first instanceof SignInResult.NewPasswordRequired challenge)) {
            throw new NoChallengePendingException("This account has no password change pending: sign in with "
                    + "POST /auth/login instead");
        }
        SignInResult next = cognito.respondToNewPasswordChallenge(challenge.username(), challenge.session(),
                newPassword);
        // The actor of a completed step is the pool's user, as Cognito names it; the target what was typed.
        if (next instanceof SignInResult.Authenticated) {
            firstSignIns.completed(challenge.username());
            audit.write(challenge.username(), Action.FIRST_LOGIN, username, Outcome.SUCCEEDED, null);
        } else {
            audit.write(challenge.username(), Action.FIRST_LOGIN, username, Outcome.SUCCEEDED,
                    "password set, " + challengeName(next) + " next");
        }
        return steps.of(next, username);
    }

    /**
     * Signs in with a username (or email) and password ({@code InitiateAuth}, {@code USER_PASSWORD_AUTH}).
     * Audited ({@code SIGN_IN}) either way.
     *
     * @return tokens, or the challenge to answer next: a new password, the authenticator app's code, or
     *         the setup of an authenticator app (with the secret, {@code AssociateSoftwareToken} done)
     * @throws InvalidCredentialsException        wrong password, unknown or disabled user
     * @throws TemporaryPasswordExpiredException the temporary password was right but has expired
     * @throws CognitoUnavailableException       Cognito could not be reached
     */
    public SignInStep login(String username, String password) {
        SignInResult result = cognito.signIn(username, password);
        audit.succeeded(Action.SIGN_IN, username, result instanceof SignInResult.Authenticated ? null
                : challengeName(result) + " next");
        return steps.of(result, username);
    }

    /**
     * The rules the pool checks a new password against, for a "choose a password" screen to show and
     * check as the person types; Cognito still has the last word ({@code 400 password-policy}).
     *
     * @return the pool's {@link PasswordPolicy}
     * @throws CognitoUnavailableException Cognito could not be reached
     */
    public PasswordPolicy passwordPolicy() {
        return cognito.passwordPolicy();
    }

    private static String challengeName(SignInResult result) {
        if (result instanceof SignInResult.MfaSetupRequired) {
            return "MFA_SETUP";
        }
        if (result instanceof SignInResult.SoftwareTokenMfaRequired) {
            return "SOFTWARE_TOKEN_MFA";
        }
        return result instanceof SignInResult.NewPasswordRequired ? "NEW_PASSWORD_REQUIRED" : "tokens";
    }
}
