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
     * Signs in with {@code InitiateAuth} and {@code USER_PASSWORD_AUTH}.
     *
     * @param username username or email
     * @param password the permanent or temporary password
     * @return tokens, or the {@code NEW_PASSWORD_REQUIRED} challenge with its session
     * @throws InvalidCredentialsException wrong or expired password, unknown or disabled user
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    SignInResult signIn(String username, String password);

    /**
     * Answers {@code NEW_PASSWORD_REQUIRED} with {@code RespondToAuthChallenge}; the user becomes
     * {@code CONFIRMED}.
     *
     * @param username    the username from the challenge
     * @param session     the challenge's session
     * @param newPassword the password the new admin chose
     * @return the tokens of the first sign-in
     * @throws PasswordPolicyViolationException the pool's policy refused the new password
     * @throws InvalidCredentialsException      the session expired or is not valid
     * @throws CognitoUnavailableException      Cognito could not be reached or failed
     */
    AuthTokens respondToNewPasswordChallenge(String username, String session, String newPassword);

    /**
     * One page of the admin group's members ({@code ListUsersInGroup}); never the whole pool at once.
     *
     * @param nextToken {@code null} for the first page, then the previous page's token
     * @throws CognitoUnavailableException Cognito could not be reached or failed
     */
    CognitoUserPage listAdminGroupUsers(String nextToken);
}
