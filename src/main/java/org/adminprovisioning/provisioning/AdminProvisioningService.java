package org.adminprovisioning.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminNotFoundException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.cognito.AdminAlreadyExistsInCognitoException;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.InviteNotDeliveredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioning saga of DESIGN §4: an admin exists in Cognito and in our database, or in
 * neither. Not transactional itself: every Cognito call happens between short transactions, and
 * every step is journaled in {@code provisioning_requests} before the next one starts.
 */
@Service
public class AdminProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(AdminProvisioningService.class);
    private static final Duration RESEND_WINDOW = Duration.ofHours(1);
    /** How far Cognito's clock may be behind ours when telling our own user from an older one. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final ProvisioningJournal journal;
    private final AuditTrail audit;
    private final TemporaryPasswordGenerator passwords;
    private final TransactionOperations transactions;
    private final JsonMapper json;
    private final ProvisioningProperties properties;
    private final Clock clock;

    AdminProvisioningService(CognitoGateway cognito, AdminRecords records, ProvisioningJournal journal,
            AuditTrail audit, TemporaryPasswordGenerator passwords, TransactionOperations transactions,
            JsonMapper json, ProvisioningProperties properties, Clock clock) {
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.audit = audit;
        this.passwords = passwords;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Provisions a new admin in Cognito and in our database, both or neither (DESIGN §4):
     * <ol>
     * <li>the caller must be an authenticated, ACTIVE admin (the security filter checks the token
     * and this method checks again);</li>
     * <li>the email is trimmed, lower-cased and validated;</li>
     * <li>Tx A refuses an email that already has a {@code User} and journals the request
     * {@code STARTED}; a unique key on unfinished requests stops a concurrent twin here;</li>
     * <li>a temporary password is generated and {@link CognitoGateway#createAdminUser} creates the
     * Cognito user (Cognito emails the invitation), then the user joins the admin group; the
     * request becomes {@code COGNITO_CREATED};</li>
     * <li>Tx B writes the {@code User} and {@code AdminInfo} rows with
     * {@link AdminRecords#createAdminDatabaseRecords} and marks the request {@code COMPLETED}.</li>
     * </ol>
     * If the group assignment or step 5 fails, the Cognito user is deleted again and the request
     * is {@code ROLLED_BACK}; if that delete fails too, the request stays {@code COMPENSATING} for
     * the reconciler. The temporary password is never stored, logged or returned.
     *
     * <p>Called by {@code POST /admins} when an admin clicks "Create New Admin"; only an
     * authenticated admin may call it.
     *
     * @param email          {@code String}, the new admin's email in any letter case; surrounding
     *                       blanks are ignored
     * @param idempotencyKey {@code String}, the client's {@code Idempotency-Key}, or {@code null};
     *                       the same key with the same email replays the first answer without
     *                       calling Cognito again
     * @return on success the new admin as {@link AdminResponse}: id, normalized email, Cognito
     *         username, status {@code INVITED}, the inviting admin, when the temporary password
     *         expires, and when it was created
     * @throws InvalidEmailException            the email is missing or malformed; nothing is written
     * @throws AdminAlreadyExistsException      an admin with this email exists in our database or in
     *                                          Cognito, or is being provisioned right now
     * @throws IdempotencyKeyReusedException    the key was used before with another email
     * @throws ProvisioningInProgressException  the request with this key is still unfinished
     * @throws PreviousAttemptFailedException   the request with this key failed; same problem again
     * @throws InvalidInviteException           Cognito refused the invitation's parameters
     * @throws CognitoUnavailableException      Cognito could not be reached; nothing was created,
     *                                          or what was is left to the reconciler
     * @throws ProvisioningRolledBackException  the database write failed and the Cognito user was
     *                                          deleted again: nothing was created
     * @throws org.springframework.security.access.AccessDeniedException the caller is no active admin
     */
    @PreAuthorize("hasRole('ADMIN')")
    public AdminResponse provisionNewAdmin(String email, String idempotencyKey) {
        AdminPrincipal caller = CurrentAdmin.require();
        EmailAddress address = EmailAddress.of(email);
        String requestHash = sha256(address.value());
        if (idempotencyKey != null) {
            Optional<ProvisioningRequest> previous = journal.findByIdempotencyKey(idempotencyKey);
            if (previous.isPresent()) {
                return replay(previous.get(), requestHash);
            }
        }
        return provision(address, caller.userId(), caller.email(), idempotencyKey, requestHash);
    }

    /** {@link #provisionNewAdmin(String, String)} without an idempotency key. */
    @PreAuthorize("hasRole('ADMIN')")
    public AdminResponse provisionNewAdmin(String email) {
        return provisionNewAdmin(email, null);
    }

    /** Provisions an admin no admin asked for: the first admin of the {@code cognito} profile's bootstrap. */
    public AdminResponse provisionBootstrapAdmin(EmailAddress email, String actor) {
        return provision(email, null, actor, null, sha256(email.value()));
    }

    /** The saga itself. */
    AdminResponse provision(EmailAddress email, UUID requestedBy, String actor, String idempotencyKey,
            String requestHash) {
        ProvisioningRequest request;
        try {
            request = startRequest(email, requestedBy, idempotencyKey, requestHash, actor);
        } catch (ReplayInstead twinWithTheSameKey) {
            return twinWithTheSameKey.response;
        }
        CognitoUser user;
        try {
            user = createInCognito(request, email, actor);
        } catch (ReplayInstead completedMeanwhile) {
            return completedMeanwhile.response;
        }
        try {
            journal.markCognitoCreated(request.getId(), user.username());
        } catch (ProvisioningTakenOverException taken) {
            return takenOver(request, user, actor, taken);
        } catch (RuntimeException e) {
            return compensate(request, user, actor, e, FailureReason.ROLLED_BACK);
        }
        try {
            cognito.addToAdminGroup(user.username());
        } catch (CognitoException e) {
            return compensate(request, user, actor, e, FailureReason.ROLLED_BACK);
        }
        return recordInDatabase(request, email, user, requestedBy, actor);
    }

    private ProvisioningRequest startRequest(EmailAddress email, UUID requestedBy, String idempotencyKey,
            String requestHash, String actor) {
        try {
            return journal.start(email, requestedBy, idempotencyKey, requestHash);
        } catch (AdminAlreadyExistsException e) {
            replayConcurrentRetry(idempotencyKey, requestHash);
            audit.record(actor, Action.PROVISION_ADMIN, email.value(), Outcome.REFUSED, "admin exists");
            throw e;
        } catch (DataIntegrityViolationException twin) {
            // Lost the race on active_email or idempotency_key to another request.
            replayConcurrentRetry(idempotencyKey, requestHash);
            audit.record(actor, Action.PROVISION_ADMIN, email.value(), Outcome.REFUSED, "being provisioned");
            throw new AdminAlreadyExistsException(email.value(), "An admin with email " + email.value()
                    + " is being provisioned by another request right now");
        }
    }

    /**
     * A retry with the same key that raced its original past the replay check: answer as a replay
     * would (in progress, or the original's outcome), not as a different request.
     */
    private void replayConcurrentRetry(String idempotencyKey, String requestHash) {
        if (idempotencyKey != null) {
            Optional<ProvisioningRequest> sameKey = journal.findByIdempotencyKey(idempotencyKey);
            if (sameKey.isPresent()) {
                throw new ReplayInstead(replay(sameKey.get(), requestHash));
            }
        }
    }

    /** Step 4. The temporary password lives only in this frame and in Cognito's email. */
    private CognitoUser createInCognito(ProvisioningRequest request, EmailAddress email, String actor) {
        try {
            return cognito.createAdminUser(email.value(), passwords.generate());
        } catch (AdminAlreadyExistsInCognitoException e) {
            return createdByThisRequest(request, email, e, actor);
        } catch (InviteNotDeliveredException e) {
            return undeliveredInvitation(request, email, e, actor);
        } catch (InvalidInviteException e) {
            fail(request, FailureReason.INVALID_INVITE, e, actor);
            throw e;
        } catch (CognitoUnavailableException e) {
            return lookUpAfterUnknownOutcome(request, email, e, actor);
        }
    }

    /**
     * {@code UsernameExistsException} may answer the SDK's own retry of a create whose first answer
     * was lost: the user is then ours, created after this request started. A user older than the
     * request belongs to someone else: 409.
     */
    private CognitoUser createdByThisRequest(ProvisioningRequest request, EmailAddress email,
            AdminAlreadyExistsInCognitoException exists, String actor) {
        Optional<CognitoUser> found = lookUpOrHandOver(request, email, exists, actor,
                "user exists, owner unknown: left to reconciler");
        if (found.isPresent() && isOurs(request, found.get())) {
            log.info("Cognito reported request {}'s user as existing: it was this request's own create", request.getId());
            return found.get();
        }
        fail(request, FailureReason.ADMIN_EXISTS, exists, actor);
        throw new AdminAlreadyExistsException(email.value());
    }

    /**
     * Cognito created the user but could not email the invitation: nobody can sign in with it, so
     * it is undone like any failed step after the create (journaled, deleted, ROLLED_BACK) and the
     * caller learns the address could not be reached. Never returns normally.
     */
    private CognitoUser undeliveredInvitation(ProvisioningRequest request, EmailAddress email,
            InviteNotDeliveredException undelivered, String actor) {
        Optional<CognitoUser> found = lookUpOrHandOver(request, email, undelivered, actor,
                "invitation not delivered, user state unknown: left to reconciler");
        if (found.isPresent() && isOurs(request, found.get())) {
            AdminResponse completed = compensate(request, found.get(), actor, undelivered, FailureReason.INVALID_INVITE);
            throw new ReplayInstead(completed);
        }
        fail(request, FailureReason.INVALID_INVITE, undelivered, actor);
        throw undelivered;
    }

    /**
     * A timeout may hide a success, and an absent user may still be on its way: only a throttled
     * call is known not to have happened. Anything else that is not there yet is left to the
     * reconciler, which decides once the request is stale and nothing can be in flight any more.
     */
    private CognitoUser lookUpAfterUnknownOutcome(ProvisioningRequest request, EmailAddress email,
            CognitoUnavailableException failure, String actor) {
        Optional<CognitoUser> found;
        try {
            found = lookUpOrHandOver(request, email, failure, actor, "outcome unknown, left to reconciler");
        } catch (CognitoUnavailableException stillDown) {
            throw failure;  // the caller hears about the create that failed, not the look-up
        }
        if (found.isEmpty()) {
            if (failure instanceof CognitoThrottledException) {
                fail(request, FailureReason.COGNITO_UNAVAILABLE, failure, actor);
            } else {
                handOver(request, failure, actor, "not created as far as Cognito says yet, left to reconciler");
            }
            throw failure;
        }
        if (!isOurs(request, found.get())) {
            fail(request, FailureReason.ADMIN_EXISTS, failure, actor);
            throw new AdminAlreadyExistsException(email.value());
        }
        log.info("Cognito call for request {} failed but the user exists; carrying on", request.getId());
        return found.get();
    }

    /**
     * Asks Cognito for the request's user after a create went wrong. When Cognito cannot answer
     * that either, nothing is decided: the request is handed to the reconciler and the look-up's
     * failure is thrown.
     */
    private Optional<CognitoUser> lookUpOrHandOver(ProvisioningRequest request, EmailAddress email,
            CognitoException cause, String actor, String detail) {
        try {
            return cognito.findUser(email.value());
        } catch (CognitoUnavailableException down) {
            handOver(request, cause, actor, detail);
            throw down;
        }
    }

    private void handOver(ProvisioningRequest request, CognitoException failure, String actor, String detail) {
        // The request stays unfinished; the reconciler takes it once it is stale.
        bestEffort(() -> journal.recordError(request.getId(), failure.getMessage()));
        audit.record(actor, Action.PROVISION_ADMIN, request.getEmail(), Outcome.FAILED, detail);
    }

    /**
     * A user this request's own create made, seconds ago: created no earlier than the request,
     * still waiting for its first sign-in, and no admin's records point at it. A user someone made
     * in the console just before is older, or already has a permanent password.
     */
    private boolean isOurs(ProvisioningRequest request, CognitoUser user) {
        return user.status() == CognitoUserStatus.FORCE_CHANGE_PASSWORD && createdFor(request.getCreatedAt(), user)
                && records.findByCognitoUsername(user.username()).isEmpty();
    }

    /**
     * Whether a Cognito user with the request's email can have been created for the request: not
     * before it was journaled, compared to the second (Cognito may report whole seconds) and
     * allowing {@link #CLOCK_SKEW} between our clock and Cognito's. A user without a creation date
     * counts as the request's, as DESIGN §4 rolls forward whatever user exists.
     */
    static boolean createdFor(Instant requestCreatedAt, CognitoUser user) {
        return user.createdAt() == null || requestCreatedAt == null
                || !user.createdAt().isBefore(requestCreatedAt.truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_SKEW));
    }

    /**
     * This instance was slow past the stale threshold and the reconciler decided meanwhile: a
     * completed request is the answer; anything else still has our Cognito user to undo.
     */
    private AdminResponse takenOver(ProvisioningRequest request, CognitoUser user, String actor,
            ProvisioningTakenOverException taken) {
        return taken.state() == ProvisioningState.COMPLETED ? completedElsewhere(request, taken)
                : compensate(request, user, actor, taken, FailureReason.ROLLED_BACK);
    }

    /** Step 5: the records and the journal's COMPLETED commit together or not at all. */
    private AdminResponse recordInDatabase(ProvisioningRequest request, EmailAddress email, CognitoUser user,
            UUID requestedBy, String actor) {
        try {
            return transactions.execute(tx -> {
                // Locks the request for this transaction: the reconciler of any instance skips it meanwhile.
                journal.lockForCompletion(request.getId());
                AdminAccount account = records.createAdminDatabaseRecords(email.value(), user.username(),
                        user.sub(), requestedBy);
                AdminResponse response = AdminResponse.of(account);
                journal.markCompleted(request.getId(), json.writeValueAsString(response));
                audit.record(actor, Action.PROVISION_ADMIN, email.value(), Outcome.SUCCEEDED, null);
                return response;
            });
        } catch (ProvisioningTakenOverException taken) {
            return takenOver(request, user, actor, taken);
        } catch (AdminAlreadyExistsException e) {
            return compensate(request, user, actor, e, FailureReason.ADMIN_EXISTS);
        } catch (RuntimeException e) {
            return compensate(request, user, actor, e, FailureReason.ROLLED_BACK);
        }
    }

    /** The reconciler rolled the request forward while this instance was slow: answer with its admin. */
    private AdminResponse completedElsewhere(ProvisioningRequest request, ProvisioningTakenOverException taken) {
        log.info("Provisioning request {} was completed by the reconciler meanwhile", request.getId());
        return json.readValue(taken.responseBody(), AdminResponse.class);
    }

    /**
     * Deletes the Cognito user we created. The journal says COMPENSATING before the delete so a
     * crash in between is finished by the reconciler; if that cannot be journaled, nothing is
     * deleted and the request is left to the reconciler. Later journal writes are best effort: the
     * delete is journaled already. A request the reconciler completed meanwhile is not
     * compensated: its admin exists in both systems and is the answer.
     *
     * @return the admin, only when the request turned out completed; otherwise always throws
     */
    private AdminResponse compensate(ProvisioningRequest request, CognitoUser user, String actor,
            RuntimeException cause, FailureReason outcome) {
        String email = request.getEmail();
        log.warn("Provisioning {} failed after Cognito created user {}: compensating ({})", request.getId(),
                user.username(), cause.toString());
        try {
            journal.markCompensating(request.getId(), cause.toString());
        } catch (ProvisioningTakenOverException taken) {
            if (taken.state() == ProvisioningState.COMPLETED) {
                return completedElsewhere(request, taken);
            }
            if (taken.state() != ProvisioningState.COMPENSATING) {
                // The reconciler found no user and ended the request; ours came afterwards. Reopen it.
                reopenForCompensation(request, user, cause);
            }
        } catch (RuntimeException journalDown) {
            // Compensation is journaled before it acts, or not at all: deleting the user unjournaled
            // would race a reconciler that rolls the request forward meanwhile (found by the random
            // scenarios: a stalled delete left an admin's records without their Cognito user). The
            // request stays as it is, and the reconciler finishes it once the database is back.
            log.error("Could not journal the compensation of request {}; left to the reconciler: {}",
                    request.getId(), journalDown.toString());
            bestEffort(() -> audit.record(actor, Action.COMPENSATE, email, Outcome.FAILED,
                    "journal unavailable, left to the reconciler"));
            throw new ProvisioningInterruptedException("The admin could not be saved and the clean-up could not be "
                    + "recorded yet. The service finishes or undoes this request by itself within minutes: check "
                    + "GET /admins before retrying.", journalDown);
        }
        try {
            cognito.deleteUser(user.username());
        } catch (CognitoException deleteFailed) {
            log.error("Compensation of request {} failed; the reconciler will retry: {}", request.getId(),
                    deleteFailed.getMessage());
            bestEffort(() -> journal.recordError(request.getId(), deleteFailed.getMessage()));
            bestEffort(() -> audit.record(actor, Action.COMPENSATE, email, Outcome.FAILED, deleteFailed.getMessage()));
            throw new CognitoUnavailableException("The admin could not be created and Cognito could not be "
                    + "cleaned up yet; it will be, automatically. Nothing is usable.", deleteFailed);
        }
        bestEffort(() -> journal.markRolledBack(request.getId(), outcome.code()));
        bestEffort(() -> audit.record(actor, Action.COMPENSATE, email, Outcome.ROLLED_BACK, cause.toString()));
        if (outcome == FailureReason.ADMIN_EXISTS) {
            throw new AdminAlreadyExistsException(email);
        }
        if (outcome == FailureReason.INVALID_INVITE) {
            throw new InvalidInviteException("Cognito could not deliver the invitation to " + email
                    + ", so the user it created was deleted again: nothing was created. Check the address.", cause);
        }
        throw new ProvisioningRolledBackException("The admin could not be saved, so the Cognito user was deleted "
                + "again: nothing was created. It is safe to retry.");
    }

    private void reopenForCompensation(ProvisioningRequest request, CognitoUser user, RuntimeException cause) {
        try {
            try {
                journal.reopenForCompensation(request.getId(), user.username(), cause.toString(), true);
            } catch (DataIntegrityViolationException newerRequestHoldsTheEmail) {
                journal.reopenForCompensation(request.getId(), user.username(), cause.toString(), false);
            }
        } catch (RuntimeException e) {
            log.error("Could not reopen request {} for compensation: {}", request.getId(), e.toString());
        }
    }

    private void fail(ProvisioningRequest request, FailureReason type, CognitoException cause, String actor) {
        try {
            journal.markFailed(request.getId(), type.code(), cause.getMessage());
        } catch (ProvisioningTakenOverException taken) {
            if (taken.state() == ProvisioningState.COMPLETED) {
                // Stalled past the stale threshold, and the reconciler completed the request meanwhile.
                throw new ReplayInstead(completedElsewhere(request, taken));
            }
            return;
        }
        audit.record(actor, Action.PROVISION_ADMIN, request.getEmail(), Outcome.FAILED, type.code());
    }

    private AdminResponse replay(ProvisioningRequest previous, String requestHash) {
        if (!requestHash.equals(previous.getRequestHash())) {
            throw new IdempotencyKeyReusedException("This Idempotency-Key was used for a different request");
        }
        return switch (previous.getState()) {
            case COMPLETED -> json.readValue(previous.getResponseBody(), AdminResponse.class);
            case FAILED, ROLLED_BACK -> throw new PreviousAttemptFailedException(
                    FailureReason.fromCode(previous.getFailureType()),
                    "This Idempotency-Key's request failed: " + replayDetail(previous));
            case STARTED, COGNITO_CREATED, COMPENSATING -> throw new ProvisioningInProgressException(
                    "A request with this Idempotency-Key is still being processed; retry later");
        };
    }

    private static String replayDetail(ProvisioningRequest previous) {
        return previous.getState() == ProvisioningState.ROLLED_BACK
                ? "nothing was created. Retry with a new key." : FailureReason.fromCode(previous.getFailureType()).title();
    }

    /**
     * Emails the invitation again with a new temporary password ({@code AdminCreateUser} with
     * {@code MessageAction=RESEND}), which also restarts its validity (7 days by default). For an
     * admin who lost the email or whose temporary password expired. Counts against Cognito's
     * UserCreation quota, so it is limited per admin ({@code provisioning.max-resends-per-hour}).
     *
     * <p>Called by {@code POST /admins/resend-invite}; only an authenticated admin may call it.
     *
     * @param email {@code String}, the invited admin's email in any letter case
     * @return on success an {@link InviteResent}: the email, the Cognito status
     *         ({@code FORCE_CHANGE_PASSWORD}) and when it was resent
     * @throws InvalidEmailException         the email is missing or malformed
     * @throws AdminNotFoundException        no admin has this email (or its Cognito user is gone)
     * @throws AdminAlreadyActiveException   the admin already set a permanent password (or is disabled)
     * @throws TooManyInvitesException       the per-hour limit of resends is reached
     * @throws CognitoUnavailableException   Cognito could not be reached or throttled the call
     * @throws org.springframework.security.access.AccessDeniedException the caller is no active admin
     */
    @PreAuthorize("hasRole('ADMIN')")
    public InviteResent resendAdminInvite(String email) {
        AdminPrincipal caller = CurrentAdmin.require();
        EmailAddress address = EmailAddress.of(email);
        Optional<AdminAccount> found = records.findByEmail(address.value());
        if (found.isEmpty()) {
            audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.REFUSED, "no such admin");
            throw new AdminNotFoundException("with email " + address);
        }
        AdminAccount admin = found.get();
        if (admin.status() != AdminStatus.INVITED) {
            audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.REFUSED,
                    "admin is " + admin.status());
            throw new AdminAlreadyActiveException("Admin " + address + " is " + admin.status()
                    + ": there is no pending invitation to resend");
        }
        if (audit.count(address.value(), Action.RESEND_INVITE, Outcome.SUCCEEDED, RESEND_WINDOW)
                >= properties.maxResendsPerHour()) {
            audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.REFUSED, "limit reached");
            throw new TooManyInvitesException("The invitation to " + address + " was resent "
                    + properties.maxResendsPerHour() + " times within the last hour; try again later");
        }
        CognitoUser user;
        try {
            user = cognito.resendInvite(admin.cognitoUsername(), passwords.generate());
        } catch (CognitoUserNotFoundException e) {
            audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.FAILED, "no Cognito user");
            throw new AdminNotFoundException("with email " + address + " in Cognito (see GET /admins/reconciliation)");
        } catch (InvalidInviteException e) {
            throw alreadyActiveInCognito(admin).orElseThrow(() -> e);
        } catch (CognitoThrottledException e) {
            audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.FAILED, "throttled");
            throw e;
        }
        records.recordInviteResent(admin.id());
        audit.record(caller.email(), Action.RESEND_INVITE, address.value(), Outcome.SUCCEEDED, null);
        return new InviteResent(address.value(), user.status(), clock.instant());
    }

    /** Cognito refused the resend because the user already set a password: catch our records up. */
    private Optional<AdminAlreadyActiveException> alreadyActiveInCognito(AdminAccount admin) {
        Optional<CognitoUser> user = cognito.findUser(admin.cognitoUsername());
        if (user.isPresent() && user.get().status() == CognitoUserStatus.CONFIRMED) {
            records.activate(admin.cognitoUsername());
            return Optional.of(new AdminAlreadyActiveException("Admin " + admin.email()
                    + " already set a permanent password: there is no pending invitation to resend"));
        }
        return Optional.empty();
    }

    private static void bestEffort(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("Journal or audit write failed during compensation: {}", e.toString());
        }
    }

    /** The request's answer is already there: a twin with the same key, or the reconciler, finished it first. */
    private static final class ReplayInstead extends RuntimeException {

        private final transient AdminResponse response;

        ReplayInstead(AdminResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
