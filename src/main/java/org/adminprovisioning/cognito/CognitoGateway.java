package org.adminprovisioning.cognito;

import java.util.Optional;

/**
 * The port to the Cognito user pool. One driver implements it, {@link AwsCognitoGateway} (AWS SDK
 * for Java v2): against a real pool or an emulator in the {@code cognito} profile, and against the
 * in-process {@code inmemory.InMemoryUserPool} in the default profile.
 *
 * <p>Every method either succeeds or throws a subclass of {@link CognitoException}; no driver
 * lets an SDK, network or checked exception through. None of them is transactional: callers
 * must never invoke them inside a database transaction.
 */
public interface CognitoGateway {

    /**
     * Creates the new admin's user in the pool with Cognito's {@code AdminCreateUser}: attributes
     * {@code email} and {@code email_verified=true}, the given temporary password,
     * {@code DesiredDeliveryMediums=EMAIL}. Cognito emails the invitation with the temporary
     * password itself; the user starts in {@code FORCE_CHANGE_PASSWORD}. In pools whose sign-in
     * attribute is the email Cognito chooses a UUID username; in plain pools the email is the
     * username. Adding the user to the admin group is the next step,
     * {@link #addToAdminGroup(String)}, kept separate so the caller can compensate if it fails.
     *
     * <p>Called by {@code AdminProvisioningService.provisionNewAdmin} (step 4 of the saga), after
     * the provisioning request has been journaled, never inside a transaction.
     *
     * @param email             {@code String}, the new admin's email, already normalized (trimmed,
     *                          lower-case) and validated
     * @param temporaryPassword {@code String}, a generated password that satisfies the pool's
     *                          policy; it is sent to the pool and never stored or logged
     * @return on success the created {@link CognitoUser}: its username, {@code sub} and
     *         {@code UserStatus} (normally {@code FORCE_CHANGE_PASSWORD})
     * @throws AdminAlreadyExistsInCognitoException the pool already has a user with this email or
     *                                              username ({@code UsernameExistsException})
     * @throws InvalidInviteException               the pool refused the password or an attribute
     *                                              ({@code InvalidPasswordException},
     *                                              {@code InvalidParameterException})
     * @throws CognitoUnavailableException          throttling, a 5xx answer, a timeout or a network
     *                                              error; the user may or may not have been created
     */
    CognitoUser createAdminUser(String email, String temporaryPassword);

    /**
     * Adds the user to the configured admin group ({@code AdminAddUserToGroup}). Idempotent.
     *
     * @param username the pool's username as returned by {@link #createAdminUser}
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws CognitoUnavailableException  Cognito could not be reached or failed
     */
    void addToAdminGroup(String username);

    /**
     * Looks a user up by its username ({@code AdminGetUser}). Pools whose sign-in attribute is the
     * email also resolve the email given as the username, which is what the service sends to
     * {@link #createAdminUser}; never by a user-writable attribute ({@code ListUsers} on {@code email}
     * could find an unrelated user whose email someone set to this value).
     *
     * @param username the pool's username, or the email the service created the user with
     * @return the user, or empty when the pool has none
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    Optional<CognitoUser> findUser(String username);

    /**
     * Whether the user is a member of the configured admin group ({@code AdminListGroupsForUser}).
     *
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws CognitoUnavailableException  Cognito could not be reached or failed
     */
    boolean isInAdminGroup(String username);

    /**
     * Deactivates the user ({@code AdminDisableUser}): it can no longer sign in. Idempotent.
     *
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws CognitoUnavailableException  Cognito could not be reached or failed; the user may be
     *                                      disabled or not
     */
    void disableUser(String username);

    /**
     * Reactivates a disabled user ({@code AdminEnableUser}). Idempotent.
     *
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws CognitoUnavailableException  Cognito could not be reached or failed; the user may be
     *                                      enabled or not
     */
    void enableUser(String username);

    /**
     * Signs the user out of every device ({@code AdminUserGlobalSignOut}): its refresh tokens stop
     * working. Idempotent.
     *
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws CognitoUnavailableException  Cognito could not be reached or failed
     */
    void signOutEverywhere(String username);

    /**
     * Deletes the user ({@code AdminDeleteUser}). Idempotent: a user that does not exist counts
     * as deleted, so a compensation can be retried safely.
     *
     * @throws CognitoUnavailableException Cognito could not be reached or failed; the user may remain
     */
    void deleteUser(String username);

    /**
     * Sends the invitation again with a new temporary password ({@code AdminCreateUser} with
     * {@code MessageAction=RESEND}); this also restarts the temporary password's validity.
     *
     * @param username          the pool's username
     * @param temporaryPassword a new generated temporary password, never stored or logged
     * @return the user after the resend
     * @throws CognitoUserNotFoundException the user does not exist
     * @throws InvalidInviteException       the user is not in {@code FORCE_CHANGE_PASSWORD} or the
     *                                      password was refused
     * @throws CognitoThrottledException    the pool's UserCreation quota is exhausted
     * @throws CognitoUnavailableException  Cognito could not be reached or failed
     */
    CognitoUser resendInvite(String username, String temporaryPassword);

    /**
     * Signs in with {@code InitiateAuth} and {@code USER_PASSWORD_AUTH}. Every challenge Cognito may
     * answer for an admin pool is relayed as a value: {@code NEW_PASSWORD_REQUIRED} (a temporary
     * password), {@code SOFTWARE_TOKEN_MFA} (the user has an authenticator app) and {@code MFA_SETUP}
     * (the pool requires MFA and the user has none yet: the driver calls {@code AssociateSoftwareToken}
     * with the challenge's session at once, so the answer carries the TOTP secret and the session
     * {@link #completeMfaSetup} needs).
     *
     * <p>Called by {@code auth.FirstLoginService} for {@code POST /auth/login} and for the first step of
     * {@code POST /auth/new-password-challenge}.
     *
     * @param username {@code String}, what the person typed: the email or the pool's username
     * @param password {@code String}, the permanent or temporary password; never stored or logged
     * @return {@link SignInResult.Authenticated} with tokens, or one of the {@link SignInResult.Challenge}s
     * @throws InvalidCredentialsException        wrong password, unknown or disabled user
     * @throws TemporaryPasswordExpiredException the temporary password was right but has expired
     *                                           (Cognito: "Temporary password has expired and must be
     *                                           reset by an administrator.")
     * @throws CognitoUnavailableException       Cognito could not be reached or failed, the app client
     *                                           does not allow {@code USER_PASSWORD_AUTH}, or the pool
     *                                           asks for a challenge this service does not support
     *                                           (SMS or email MFA, custom challenges)
     */
    SignInResult signIn(String username, String password);

    /**
     * Answers {@code NEW_PASSWORD_REQUIRED} with {@code RespondToAuthChallenge}; Cognito stores the new
     * password and the user becomes {@code CONFIRMED}. A pool that requires MFA answers
     * {@code MFA_SETUP} next, which is relayed like {@link #signIn}'s (with {@code AssociateSoftwareToken}
     * done); a user who already has an authenticator app gets {@code SOFTWARE_TOKEN_MFA}.
     *
     * @param username    {@code String}, {@link SignInResult.NewPasswordRequired#username()}: the
     *                    {@code SECRET_HASH}, when the client has a secret, is computed over it
     * @param session     {@code String}, the challenge's session
     * @param newPassword {@code String}, the password the new admin chose; never stored or logged
     * @return {@link SignInResult.Authenticated} with the first tokens, {@link SignInResult.MfaSetupRequired}
     *         or {@link SignInResult.SoftwareTokenMfaRequired}
     * @throws PasswordPolicyViolationException the pool's policy refused the new password; the session
     *                                          stays usable
     * @throws SessionExpiredException          the session expired (3 minutes) or was used before
     * @throws InvalidCredentialsException      the user is disabled or gone
     * @throws CognitoUnavailableException      Cognito could not be reached or failed
     */
    SignInResult respondToNewPasswordChallenge(String username, String session, String newPassword);

    /**
     * Finishes {@code MFA_SETUP}: {@code VerifySoftwareToken} with the session of
     * {@link SignInResult.MfaSetupRequired} and the first code of the authenticator app, then
     * {@code RespondToAuthChallenge(MFA_SETUP)} with the session {@code VerifySoftwareToken} answered.
     * From then on the user signs in with {@code SOFTWARE_TOKEN_MFA}.
     *
     * <p>Called by {@code auth.MfaSignInService} for {@code POST /auth/mfa-setup}.
     *
     * @param username {@code String}, the pool's username ({@code SECRET_HASH} is computed over it)
     * @param session  {@code String}, {@link SignInResult.MfaSetupRequired#session()}
     * @param code     {@code String}, the 6-digit code the app shows now; never stored or logged
     * @return the tokens of the completed sign-in
     * @throws InvalidMfaCodeException     the code is wrong ({@code EnableSoftwareTokenMFAException},
     *                                     {@code CodeMismatchException}); the session stays usable
     * @throws SessionExpiredException     the session expired (3 minutes) or was used before
     * @throws InvalidCredentialsException the user is disabled or gone
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    AuthTokens completeMfaSetup(String username, String session, String code);

    /**
     * Answers {@code SOFTWARE_TOKEN_MFA} with {@code RespondToAuthChallenge}.
     *
     * <p>Called by {@code auth.MfaSignInService} for {@code POST /auth/mfa}.
     *
     * @param username {@code String}, the pool's username ({@code SECRET_HASH} is computed over it)
     * @param session  {@code String}, {@link SignInResult.SoftwareTokenMfaRequired#session()}
     * @param code     {@code String}, the 6-digit code the app shows now; never stored or logged
     * @return the tokens of the completed sign-in
     * @throws InvalidMfaCodeException     the code is wrong, outside the window or already used
     *                                     ({@code CodeMismatchException}, {@code ExpiredCodeException})
     * @throws SessionExpiredException     the session expired (3 minutes) or was used before
     * @throws InvalidCredentialsException the user is disabled or gone
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    AuthTokens respondToMfaChallenge(String username, String session, String code);

    /**
     * New access and id tokens for a refresh token ({@code InitiateAuth} with {@code REFRESH_TOKEN_AUTH}).
     * Cognito issues no new refresh token (without refresh-token rotation), so
     * {@link AuthTokens#refreshToken()} is {@code null}.
     *
     * <p>Called by {@code auth.TokenRefreshService} for {@code POST /auth/refresh}.
     *
     * @param username     {@code String}, the pool's username: with a client secret Cognito checks a
     *                     {@code SECRET_HASH} computed over the username (the UUID of an
     *                     email-as-username pool, never the email), as the access token's
     *                     {@code username} claim holds it
     * @param refreshToken {@code String}, from an earlier sign-in; never stored or logged
     * @return access and id token, expiry and type; no refresh token
     * @throws RefreshTokenRejectedException the token is invalid, expired, revoked by a global sign-out,
     *                                       or its user is disabled
     * @throws CognitoUnavailableException   Cognito could not be reached or failed, or the app client
     *                                       does not allow {@code REFRESH_TOKEN_AUTH}
     */
    AuthTokens refreshTokens(String username, String refreshToken);

    /**
     * Starts a password reset ({@code ForgotPassword}): Cognito emails the user a code.
     *
     * <p>Called by {@code auth.ForgottenPasswordService}, in the background of
     * {@code POST /auth/forgot-password}, for ACTIVE admins only.
     *
     * @param username {@code String}, the pool's username
     * @throws InvalidCredentialsException the user cannot reset now (disabled, or Cognito refuses for
     *                                     its state)
     * @throws CognitoUserNotFoundException the pool has no such user (a pool that does not prevent
     *                                     user-existence errors)
     * @throws CognitoThrottledException   too many resets for the user or the pool
     * @throws CognitoUnavailableException Cognito could not be reached or failed, or could not send the email
     */
    void forgotPassword(String username);

    /**
     * Finishes a password reset ({@code ConfirmForgotPassword}) with the emailed code and a new password.
     *
     * <p>Called by {@code auth.ForgottenPasswordService} for {@code POST /auth/confirm-forgot-password}.
     *
     * @param username    {@code String}, the pool's username (or the email, which the pool resolves)
     * @param code        {@code String}, the code from the email; never stored or logged
     * @param newPassword {@code String}, the new password; never stored or logged
     * @throws InvalidCodeException             the code is wrong or expired, or there is no such user
     * @throws PasswordPolicyViolationException the pool's policy refused the new password
     * @throws InvalidCredentialsException      the user is disabled
     * @throws CognitoThrottledException        too many attempts
     * @throws CognitoUnavailableException      Cognito could not be reached or failed
     */
    void confirmForgotPassword(String username, String code, String newPassword);

    /**
     * One page of the admin group's members ({@code ListUsersInGroup}); never the whole pool at once.
     *
     * @param nextToken {@code null} for the first page, then the previous page's token
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    CognitoUserPage listAdminGroupUsers(String nextToken);

    /**
     * Describes the configured pool ({@code DescribeUserPool}): a cheap call that proves the pool
     * exists and that our credentials may administer it. Counts against Cognito's {@code UserPoolRead}
     * quota (15 requests per second per account by default), so callers cache its answer.
     *
     * <p>Called by the {@code cognito} health indicator ({@code CognitoHealthIndicator}).
     *
     * @return the pool's id, name and estimated number of users
     * @throws CognitoUnavailableException Cognito could not be reached or failed, the pool does not
     *                                     exist, or our credentials may not describe it
     */
    PoolDescription describePool();

    /**
     * The pool's password policy ({@code DescribeUserPool}, its {@code Policies.PasswordPolicy}): what a
     * new password must satisfy before Cognito accepts it, so a person choosing one can be told the
     * rules up front instead of learning them one {@code InvalidPasswordException} at a time. Settings
     * the pool leaves out take Cognito's defaults ({@link PasswordPolicy#cognitoDefault()}). A pool's
     * policy rarely changes, so drivers may cache the answer for a few minutes.
     *
     * <p>Called by {@code auth.PasswordPolicyController} for {@code GET /auth/password-policy}, which the
     * console's "choose a password" screen reads to show and check the rules as the person types.
     *
     * @return on success the pool's {@link PasswordPolicy}: minimum length and the required character
     *         classes; never {@code null}
     * @throws CognitoThrottledException   the pool's quota for {@code DescribeUserPool} is exhausted
     * @throws CognitoUnavailableException Cognito could not be reached or failed, or our credentials may
     *                                     not call {@code cognito-idp:DescribeUserPool}
     */
    PasswordPolicy passwordPolicy();
}
