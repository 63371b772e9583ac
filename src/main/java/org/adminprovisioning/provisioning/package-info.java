/**
 * <h2>Provisioning a new admin: the module README</h2>
 *
 * <p>This package turns "an admin clicks <em>Create New Admin</em>" into a working administrator
 * account in two systems at once: a user in the Amazon Cognito user pool (sign-in, temporary
 * password, forced password change) and an admin in our database (a {@code User} row and a linked
 * {@code AdminInfo} row). Both succeed or neither does. The operation is
 * {@link org.adminprovisioning.provisioning.ProvisionAdmin}; resending, disabling, enabling and
 * offboarding are {@link org.adminprovisioning.provisioning.ResendInvite},
 * {@link org.adminprovisioning.provisioning.DisableAdmin},
 * {@link org.adminprovisioning.provisioning.EnableAdmin} and
 * {@link org.adminprovisioning.provisioning.OffboardAdmin}, all on the same engine: a journal, one
 * state table, one ownership rule and one reconciler. {@code docs/architecture.md} explains the
 * engine, its state table, the ownership rule and the order of each operation's steps.
 *
 * <h3>From the click to a fully set-up admin</h3>
 * <ol>
 * <li><b>An existing admin asks.</b> In the web app, a signed-in admin enters the new admin's
 * email and clicks <em>Create New Admin</em>. The frontend sends {@code POST /admins
 * {"email": "…"}} with the admin's Cognito access token as {@code Authorization: Bearer …}
 * (and, optionally, an {@code Idempotency-Key} header so a retried click cannot create twice).</li>
 * <li><b>The caller is checked.</b> The security filter validates the token as Cognito issued it
 * (signature from the pool's JWKS, issuer, {@code token_use=access}, our app client, the admin
 * group in {@code cognito:groups}) and requires the caller's {@code User} to be ACTIVE.
 * {@code provisionNewAdmin} checks again ({@code @PreAuthorize}). Anyone else gets 401 or 403.</li>
 * <li><b>The email is normalized.</b> Trimmed and lower-cased, then validated; a bad one is a 400
 * {@code invalid-email} and nothing is written anywhere.</li>
 * <li><b>The request is journaled.</b> In one short transaction the service refuses an email that
 * a live admin has (409 {@code admin-exists}) and writes an {@code admin_operations} row
 * (operation {@code PROVISION}) in state {@code STARTED}. A unique key on unfinished requests makes a second, concurrent
 * request for the same email fail here, before it reaches Cognito. From now on no crash can leave
 * a Cognito user nobody knows about.</li>
 * <li><b>Cognito creates the user.</b> The service generates a strong temporary password
 * ({@code SecureRandom}, every character class, 16 characters by default) and calls
 * {@link org.adminprovisioning.cognito.CognitoGateway#createAdminUser} — Cognito's
 * {@code AdminCreateUser} with {@code email}, {@code email_verified=true} and
 * {@code DesiredDeliveryMediums=EMAIL} — then adds the user to the admin group
 * ({@code AdminAddUserToGroup}). The user is now in {@code FORCE_CHANGE_PASSWORD}. The journal
 * says {@code COGNITO_DONE}, with the Cognito username. The temporary password is never stored, logged or returned.</li>
 * <li><b>Cognito emails the new admin.</b> The invitation carries the username (the email) and the
 * temporary password, valid for 7 days by default.</li>
 * <li><b>Our database records the admin.</b> In one transaction
 * {@link org.adminprovisioning.admin.AdminRecords#createAdminDatabaseRecords} inserts the
 * {@code User} (role ADMIN, status INVITED, Cognito username and {@code sub}) and its
 * {@code AdminInfo} (who invited it, when), and the journal becomes {@code COMPLETED}. The caller
 * gets 201 with {@code Location: /admins/{id}} and the new admin (status INVITED, when the
 * invitation expires).</li>
 * <li><b>The new admin signs in for the first time.</b> With the email and the temporary password
 * the frontend calls {@code POST /auth/login}; Cognito answers with the
 * {@code NEW_PASSWORD_REQUIRED} challenge, so the frontend asks for a new password.</li>
 * <li><b>The new admin chooses a password.</b> The frontend sends
 * {@code POST /auth/new-password-challenge {"username","temporaryPassword","newPassword"}};
 * {@link org.adminprovisioning.auth.FirstLoginService#handleNewPasswordChallenge} calls
 * {@code InitiateAuth} ({@code USER_PASSWORD_AUTH}) and {@code RespondToAuthChallenge}
 * ({@code NEW_PASSWORD}). Cognito makes the user {@code CONFIRMED} and returns the first tokens; a
 * password the pool's policy refuses is a 400 {@code password-policy} and the temporary password
 * keeps working.</li>
 * <li><b>The new admin is fully set up.</b> Our {@code User} becomes ACTIVE and
 * {@code AdminInfo.activatedAt} is set. With its tokens the new admin can create admins too.
 * If the email was lost or the temporary password expired, any admin calls
 * {@code POST /admins/resend-invite} ({@link ResendInvite#resendAdminInvite}): Cognito
 * sends a fresh temporary password ({@code AdminCreateUser} with {@code MessageAction=RESEND}).</li>
 * </ol>
 *
 * <h3>The SDK</h3>
 * <p>AWS SDK for Java v2, Maven artifact {@code software.amazon.awssdk:cognitoidentityprovider}
 * (version from {@code software.amazon.awssdk:bom}), client
 * {@code CognitoIdentityProviderClient} — the Java counterpart of the JavaScript SDK's
 * {@code @aws-sdk/client-cognito-identity-provider}. Only
 * {@link org.adminprovisioning.cognito.AwsCognitoGateway} touches it; the saga, the domain and the
 * controllers see our own types.
 *
 * <h3>Environment variables</h3>
 * <table>
 * <caption>Configuration</caption>
 * <tr><th>variable</th><th>profile</th><th>meaning</th></tr>
 * <tr><td>{@code COGNITO_USER_POOL_ID}</td><td>cognito</td><td>the user pool, e.g. {@code eu-west-1_AbCdEf123}</td></tr>
 * <tr><td>{@code COGNITO_CLIENT_ID}</td><td>cognito</td><td>the app client (with {@code ALLOW_USER_PASSWORD_AUTH})</td></tr>
 * <tr><td>{@code COGNITO_CLIENT_SECRET}</td><td>cognito</td><td>optional; when set every auth call carries {@code SECRET_HASH}</td></tr>
 * <tr><td>{@code AWS_REGION}</td><td>cognito</td><td>the pool's region</td></tr>
 * <tr><td>{@code COGNITO_ADMIN_GROUP}</td><td>cognito</td><td>the admin group, default {@code admins}</td></tr>
 * <tr><td>{@code COGNITO_ENDPOINT}</td><td>cognito</td><td>optional endpoint override (local emulators)</td></tr>
 * <tr><td>{@code COGNITO_ISSUER}, {@code COGNITO_JWK_SET_URI}</td><td>cognito</td><td>optional; default
 * {@code https://cognito-idp.{region}.amazonaws.com/{poolId}} and that + {@code /.well-known/jwks.json}</td></tr>
 * <tr><td>{@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}</td><td>postgres</td><td>the PostgreSQL database</td></tr>
 * <tr><td>{@code PROVISIONING_BOOTSTRAP_ADMIN_EMAIL}, {@code PROVISIONING_BOOTSTRAP_ADMIN_PASSWORD}</td><td>all</td>
 * <td>the first admin, created on start when no admin exists (password: default profile only)</td></tr>
 * <tr><td>{@code PROVISIONING_RECONCILER_INTERVAL}, {@code PROVISIONING_RECONCILER_STALE_AFTER}</td><td>all</td>
 * <td>how often the reconciler runs (30s) and how old an unfinished request must be before it is taken (2m)</td></tr>
 * <tr><td>{@code PROVISIONING_CORS_ALLOWED_ORIGINS}</td><td>all</td><td>comma list of frontend origins; empty = same-origin only</td></tr>
 * <tr><td>{@code COGNITO_QUOTAS_USER_CREATION}, {@code _USER_READ}, {@code _USER_LIST}, {@code _USER_UPDATE}, ...</td>
 * <td>all</td><td>the account's Cognito request-rate quotas every instance keeps to together (docs/import.md)</td></tr>
 * <tr><td>{@code PROVISIONING_IMPORT_CONCURRENCY}, {@code PROVISIONING_IMPORT_MAX_ROWS}, ...</td><td>all</td>
 * <td>bulk imports (docs/import.md)</td></tr>
 * </table>
 * <p>AWS credentials come from the SDK's default provider chain (instance role, environment,
 * profile), never from our files.
 *
 * <h3>The two records</h3>
 * <ul>
 * <li>{@link org.adminprovisioning.admin.User} ({@code users}): id, email (normalized; unique among
 * admins that are not offboarded), {@code cognito_username} (the link to Cognito, unique likewise),
 * {@code cognito_sub}, role {@code ADMIN}, status {@code INVITED → ACTIVE}, {@code DISABLED} or
 * {@code OFFBOARDED} (the row stays for the audit trail; the email may be invited again),
 * timestamps, optimistic version.</li>
 * <li>{@link org.adminprovisioning.admin.AdminInfo} ({@code admin_info}): one per admin
 * ({@code user_id} unique, foreign key to {@code users}); {@code invited_by} (foreign key to the
 * inviting admin's {@code users} row, null for the bootstrap admin), {@code invited_at},
 * {@code activated_at}, {@code last_invite_sent_at}, {@code invite_count}.</li>
 * </ul>
 * <p>Both are written in one transaction, so there is never a {@code User} without its
 * {@code AdminInfo}.
 *
 * <h3>The partial-failure problem, and the strategy</h3>
 * <p>Cognito and our database cannot share a transaction. Whatever order we choose, the second
 * write can fail after the first succeeded, and the process can die between them. The order is
 * Cognito first (its {@code AdminCreateUser} is the step most likely to be refused: duplicate
 * user, invalid email), then the database, with a <em>compensating</em> {@code AdminDeleteUser}
 * when the database write fails. What makes it hold under crashes is the journal
 * ({@code admin_operations}), written before Cognito is called:
 * <ul>
 * <li>Cognito refuses (user exists, invalid parameter): the request is {@code FAILED}; nothing to
 * undo (409 / 400).</li>
 * <li>Cognito times out or fails with a 5xx: the outcome is unknown, so the service looks the email
 * up; present (and created for this request) → carry on; absent → 503 {@code cognito-unavailable},
 * and the request stays unfinished: a create that timed out can still land after the look-up, so
 * only the reconciler, once nothing can be in flight any more, decides it never happened
 * ({@code FAILED}, after a second look) or rolls it forward. A throttled call is known not to have happened and is
 * {@code FAILED} at once.</li>
 * <li>Adding to the group or the database write fails: the journal says {@code COMPENSATING}, the
 * Cognito user is deleted (idempotently: "not found" counts as done) and the request is
 * {@code ROLLED_BACK}; the caller gets 503 {@code provisioning-rolled-back}, "nothing was created,
 * safe to retry". If the delete fails too, the request stays {@code COMPENSATING} and the
 * reconciler retries it. If even {@code COMPENSATING} cannot be journaled (the database is down),
 * nothing is deleted — deleting unjournaled could race a reconciler rolling the request forward —
 * and the caller gets 503 {@code provisioning-interrupted}; the reconciler finishes it.</li>
 * <li>The process dies anywhere: the reconciler ({@link org.adminprovisioning.provisioning.Reconciler},
 * every {@code interval} on every instance, claiming rows with {@code SELECT … FOR UPDATE SKIP LOCKED}
 * and a lease, never calling Cognito inside a transaction) finds the unfinished request once it is
 * older than {@code stale-after} and finishes it — Cognito user present and records missing: create the
 * records (roll forward: an admin asked for it and Cognito has already emailed the invitation);
 * Cognito user missing: {@code VERIFYING}, looked at once more a stale period later in case a
 * create was still in flight, then {@code FAILED}; {@code COMPENSATING}: retry the delete with capped exponential
 * backoff and jitter. A request that keeps failing ({@code max-attempts}) is flagged and shown in
 * the drift report's {@code stuckRequests}, not retried forever.</li>
 * <li>Drift that no request explains (a Cognito admin without a {@code User}, a {@code User}
 * without a Cognito user) is reported by {@code GET /admins/reconciliation}, never repaired
 * silently; {@code POST /admins/reconciliation/repair} repairs one entry when an admin decides to.</li>
 * <li>Two requests for one email (any letter case), on one instance or several: the unique
 * {@code active_email} lets one through and the other gets 409 before it reaches Cognito. The same
 * admin's {@code Idempotency-Key} replays the first answer for 24 hours.</li>
 * </ul>
 */
package org.adminprovisioning.provisioning;
