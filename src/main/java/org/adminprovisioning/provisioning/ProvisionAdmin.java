package org.adminprovisioning.provisioning;

import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.AdminAlreadyExistsInCognitoException;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.InviteNotDeliveredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Provisions an admin in Cognito and in our database, both or neither: Cognito first, then the
 * database, and the Cognito user deleted again when the database write fails. Not transactional
 * itself: every Cognito call happens between short transactions, and every step is journaled
 * before the next one starts. {@link ProvisionReconciliation} finishes what a crash interrupted.
 */
@Service
public class ProvisionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProvisionAdmin.class);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final Journal journal;
    private final Idempotency idempotency;
    private final Ownership ownership;
    private final ProvisionEndings endings;
    private final AuditTrail audit;
    private final TemporaryPasswordGenerator passwords;
    private final TransactionOperations transactions;
    private final EngineMetrics metrics;

    ProvisionAdmin(CognitoGateway cognito, AdminRecords records, Journal journal, Idempotency idempotency,
            Ownership ownership, ProvisionEndings endings, AuditTrail audit, TemporaryPasswordGenerator passwords,
            TransactionOperations transactions, EngineMetrics metrics) {
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.idempotency = idempotency;
        this.ownership = ownership;
        this.endings = endings;
        this.audit = audit;
        this.passwords = passwords;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * Provisions a new admin in Cognito and in our database, both or neither:
     * <ol>
     * <li>the caller must be an authenticated, ACTIVE admin (the security filter checks the token
     * and this method checks again);</li>
     * <li>the email is trimmed, lower-cased and validated;</li>
     * <li>one transaction refuses an email that a live admin has and journals the operation
     * {@code STARTED}; a unique key on unfinished operations stops a concurrent twin here;</li>
     * <li>a temporary password is generated and {@link CognitoGateway#createAdminUser} creates the
     * Cognito user (Cognito emails the invitation); the username is journaled
     * ({@code COGNITO_DONE}) and the user joins the admin group;</li>
     * <li>one transaction writes the {@code User} and {@code AdminInfo} rows with
     * {@link AdminRecords#createAdminDatabaseRecords} and marks the operation {@code COMPLETED}.</li>
     * </ol>
     * If the group assignment or step 5 fails, the Cognito user is deleted again and the operation
     * is {@code ROLLED_BACK}; if that delete fails too, it stays {@code COMPENSATING} for the
     * reconciler. The temporary password is never stored, logged or returned.
     *
     * <p>Called by {@code POST /admins} when an admin clicks "Create New Admin"; only an
     * authenticated admin may call it.
     *
     * @param email          {@code String}, the new admin's email in any letter case; surrounding
     *                       blanks are ignored
     * @param idempotencyKey {@code String}, the client's {@code Idempotency-Key}, or {@code null};
     *                       the same caller's same key with the same email replays the first answer
     *                       without calling Cognito again
     * @return on success the new admin as {@link AdminResponse}: id, normalized email, Cognito
     *         username, status {@code INVITED}, the inviting admin, when the temporary password
     *         expires, and when it was created
     * @throws InvalidEmailException       the email is missing or malformed; nothing is written
     * @throws OperationFailedException    {@code ADMIN_EXISTS}: an admin with this email exists in our
     *                                     database or in Cognito, or is being provisioned right now;
     *                                     {@code KEY_REUSED}: the key was used before with another
     *                                     email; {@code KEY_IN_PROGRESS}: the request with this key is
     *                                     unfinished; {@code ROLLED_BACK}: the database write failed
     *                                     and the Cognito user was deleted again, nothing was created;
     *                                     {@code INVALID_INVITE}: Cognito could not deliver the
     *                                     invitation, the user it made was deleted again;
     *                                     {@code INTERRUPTED}: the clean-up could not be journaled, the
     *                                     reconciler finishes it; a replayed key's original reason
     * @throws InvalidInviteException      Cognito refused the invitation's parameters
     * @throws CognitoUnavailableException Cognito could not be reached; nothing was created, or what
     *                                     was is left to the reconciler
     * @throws org.springframework.security.access.AccessDeniedException the caller is no active admin
     */
    @PreAuthorize("hasRole('ADMIN')")
    public AdminResponse provisionNewAdmin(String email, String idempotencyKey) {
        return provision(new ProvisionCommand(EmailAddress.of(email), Actor.of(CurrentAdmin.require()),
                idempotencyKey)).admin();
    }

    /** {@link #provisionNewAdmin(String, String)} without an idempotency key. */
    @PreAuthorize("hasRole('ADMIN')")
    public AdminResponse provisionNewAdmin(String email) {
        return provisionNewAdmin(email, null);
    }

    /**
     * The operation itself, for an authorized caller: an admin through {@link #provisionNewAdmin},
     * or the service on someone's behalf (the first admin, an identity provider, a bulk import).
     *
     * @return {@link OperationOutcome.Done} with the new admin (a replayed key's too)
     * @throws OperationFailedException, InvalidInviteException, CognitoUnavailableException as
     *         {@link #provisionNewAdmin(String, String)}
     */
    public OperationOutcome provision(ProvisionCommand command) {
        return metrics.operation(Operation.PROVISION, () -> provisionTimed(command));
    }

    private OperationOutcome provisionTimed(ProvisionCommand command) {
        String hash = Idempotency.hash(Operation.PROVISION, command.email().value());
        Optional<JournalEntry> previous = idempotency.previous(command.actor(), command.idempotencyKey());
        if (previous.isPresent()) {
            return idempotency.replay(previous.get(), hash);
        }
        Progress<JournalEntry> started = start(command, hash);
        if (started instanceof Progress.Answer<JournalEntry> answer) {
            return answer.outcome();
        }
        JournalEntry entry = ((Progress.Next<JournalEntry>) started).value();
        Progress<CognitoUser> created = createInCognito(entry, command);
        if (created instanceof Progress.Answer<CognitoUser> answer) {
            return answer.outcome();
        }
        CognitoUser user = ((Progress.Next<CognitoUser>) created).value();
        try {
            journal.cognitoDone(entry.getId(), user.username());
        } catch (TakenOver taken) {
            return endings.takenOver(entry, user, command.actor(), taken);
        } catch (RuntimeException e) {
            return endings.undo(entry, user, command.actor(), e, FailureReason.ROLLED_BACK);
        }
        try {
            metrics.step(Operation.PROVISION, "cognito-admin-group", () -> cognito.addToAdminGroup(user.username()));
        } catch (CognitoException e) {
            return endings.undo(entry, user, command.actor(), e, FailureReason.ROLLED_BACK);
        }
        return recordInDatabase(entry, user, command);
    }

    /**
     * The first transaction: no live admin has the email, and the operation is journaled. A twin
     * that lost the race on the unique keys is refused, or replayed when it carries the same key.
     */
    private Progress<JournalEntry> start(ProvisionCommand command, String hash) {
        String email = command.email().value();
        try {
            return Progress.next(metrics.step(Operation.PROVISION, "journal", () -> transactions.execute(tx -> {
                refuseExisting(email);
                JournalEntry entry = journal.begin(Operation.PROVISION, new JournalEntry.Subject(email, null, null),
                        new JournalEntry.Request(command.actor().adminId(), command.idempotencyKey(), hash), true);
                // The insert may have waited on a twin's unfinished row until the twin completed and
                // freed the email; the twin's User is committed by then, and this statement sees it.
                refuseExisting(email);
                return entry;
            })));
        } catch (AdminAlreadyExistsException e) {
            Optional<OperationOutcome> replay = sameKeyRacedAhead(command, hash);
            if (replay.isPresent()) {
                return Progress.answer(replay.get());
            }
            audit.record(command.actor().name(), Action.PROVISION_ADMIN, email, Outcome.REFUSED, "admin exists");
            throw new OperationFailedException(FailureReason.ADMIN_EXISTS, e.getMessage());
        } catch (DataIntegrityViolationException twin) {
            Optional<OperationOutcome> replay = sameKeyRacedAhead(command, hash);
            if (replay.isPresent()) {
                return Progress.answer(replay.get());
            }
            audit.record(command.actor().name(), Action.PROVISION_ADMIN, email, Outcome.REFUSED, "being changed");
            throw new OperationFailedException(FailureReason.ADMIN_EXISTS, "An admin with email " + email
                    + " is being provisioned or removed by another request right now");
        }
    }

    private void refuseExisting(String email) {
        if (records.existsByEmail(email)) {
            throw new AdminAlreadyExistsException(email);
        }
    }

    /** A retry with the same key that raced its original past the replay check answers as a replay would. */
    private Optional<OperationOutcome> sameKeyRacedAhead(ProvisionCommand command, String hash) {
        return idempotency.previous(command.actor(), command.idempotencyKey())
                .map(previous -> idempotency.replay(previous, hash));
    }

    /** Step 4. The temporary password lives only in this frame and in Cognito's email. */
    private Progress<CognitoUser> createInCognito(JournalEntry entry, ProvisionCommand command) {
        try {
            return Progress.next(metrics.step(Operation.PROVISION, "cognito-create",
                    () -> cognito.createAdminUser(command.email().value(), passwords.generate())));
        } catch (AdminAlreadyExistsInCognitoException e) {
            return existingUser(entry, command, e);
        } catch (InviteNotDeliveredException e) {
            return undeliveredInvitation(entry, command, e);
        } catch (InvalidInviteException e) {
            return endings.failed(entry, command.actor(), FailureReason.INVALID_INVITE, e, e);
        } catch (CognitoUnavailableException e) {
            return afterUnknownOutcome(entry, command, e);
        }
    }

    /**
     * {@code UsernameExistsException} may answer the SDK's own retry of a create whose first answer
     * was lost: the user is then this operation's own ({@link Ownership}). Anyone else's user: 409.
     */
    private Progress<CognitoUser> existingUser(JournalEntry entry, ProvisionCommand command,
            AdminAlreadyExistsInCognitoException exists) {
        Optional<CognitoUser> found = lookUpOrHandOver(entry, command, exists,
                "user exists, owner unknown: left to reconciler");
        if (found.isPresent() && owns(entry, found.get())) {
            log.info("Cognito reported operation {}'s user as existing: it was its own create", entry.getId());
            return Progress.next(found.get());
        }
        return endings.failed(entry, command.actor(), FailureReason.ADMIN_EXISTS, exists,
                new OperationFailedException(FailureReason.ADMIN_EXISTS, "An admin with email "
                        + command.email() + " already exists"));
    }

    /**
     * Cognito created the user but could not email the invitation: nobody can sign in with it, so it
     * is undone like any failed step after the create, and the caller learns the address could not
     * be reached.
     */
    private Progress<CognitoUser> undeliveredInvitation(JournalEntry entry, ProvisionCommand command,
            InviteNotDeliveredException undelivered) {
        Optional<CognitoUser> found = lookUpOrHandOver(entry, command, undelivered,
                "invitation not delivered, user state unknown: left to reconciler");
        if (found.isPresent() && owns(entry, found.get())) {
            return Progress.answer(endings.undo(entry, found.get(), command.actor(), undelivered,
                    FailureReason.INVALID_INVITE));
        }
        return endings.failed(entry, command.actor(), FailureReason.INVALID_INVITE, undelivered, undelivered);
    }

    /**
     * A timeout may hide a success, and an absent user may still be on its way: only a call refused for
     * a quota is known not to have happened. Anything else that is not there yet is left to the reconciler,
     * which decides once the operation is stale and nothing can be in flight any more.
     */
    private Progress<CognitoUser> afterUnknownOutcome(JournalEntry entry, ProvisionCommand command,
            CognitoUnavailableException failure) {
        Optional<CognitoUser> found;
        try {
            found = lookUpOrHandOver(entry, command, failure, "outcome unknown, left to reconciler");
        } catch (CognitoUnavailableException stillDown) {
            throw failure; // the caller hears about the create that failed, not the look-up
        }
        if (found.isEmpty()) {
            if (failure.refusedBeforeActing()) {
                return endings.failed(entry, command.actor(), FailureReason.COGNITO_UNAVAILABLE, failure, failure);
            }
            endings.handOver(entry, failure, command.actor(), "not created as far as Cognito says yet, left to reconciler");
            throw failure;
        }
        if (!owns(entry, found.get())) {
            return endings.failed(entry, command.actor(), FailureReason.ADMIN_EXISTS, failure,
                    new OperationFailedException(FailureReason.ADMIN_EXISTS, "An admin with email "
                            + command.email() + " already exists"));
        }
        log.info("Cognito call for operation {} failed but its user exists; carrying on", entry.getId());
        return Progress.next(found.get());
    }

    /**
     * Asks Cognito for the user this operation created, by the username it sent (the email). When
     * Cognito cannot answer that either, nothing is decided: the operation is handed to the
     * reconciler and the look-up's failure is thrown.
     */
    private Optional<CognitoUser> lookUpOrHandOver(JournalEntry entry, ProvisionCommand command,
            CognitoException cause, String detail) {
        try {
            return cognito.findUser(command.email().value());
        } catch (CognitoUnavailableException down) {
            endings.handOver(entry, cause, command.actor(), detail);
            throw down;
        }
    }

    private boolean owns(JournalEntry entry, CognitoUser user) {
        return ownership.owns(entry.getId(), entry.getEmail(), null, entry.getCreatedAt(), user);
    }

    /** Step 5: the records and the journal's COMPLETED commit together or not at all. */
    private OperationOutcome recordInDatabase(JournalEntry entry, CognitoUser user, ProvisionCommand command) {
        try {
            return metrics.step(Operation.PROVISION, "database", () -> transactions.execute(tx -> {
                // Locks the entry for this transaction: the reconciler of any instance skips it meanwhile.
                journal.lockInState(entry.getId(), OperationState.COGNITO_DONE);
                AdminAccount account = records.createAdminDatabaseRecords(entry.getEmail(), user.username(),
                        user.sub(), command.actor().adminId());
                AdminResponse response = AdminResponse.of(account);
                journal.complete(entry.getId(), idempotency.bodyOf(response), account.id());
                audit.record(command.actor().name(), Action.PROVISION_ADMIN, entry.getEmail(), Outcome.SUCCEEDED, null);
                return new OperationOutcome.Done(response);
            }));
        } catch (TakenOver taken) {
            return endings.takenOver(entry, user, command.actor(), taken);
        } catch (AdminAlreadyExistsException e) {
            return endings.undo(entry, user, command.actor(), e, FailureReason.ADMIN_EXISTS);
        } catch (RuntimeException e) {
            return endings.undo(entry, user, command.actor(), e, FailureReason.ROLLED_BACK);
        }
    }
}
