package org.adminprovisioning.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin records in our database, the {@link User} row and its {@link AdminInfo}: the only door
 * to those tables. Look-ups by email or Cognito username see live admins only (an offboarded
 * admin's email may belong to a newer admin).
 */
@Service
public class AdminRecords {

    private final Users users;
    private final AdminInfos adminInfos;
    private final Clock clock;
    private final Duration inviteValidity;

    public AdminRecords(Users users, AdminInfos adminInfos, Clock clock,
            @Value("${cognito.temporary-password-validity:7d}") Duration inviteValidity) {
        this.users = users;
        this.adminInfos = adminInfos;
        this.clock = clock;
        this.inviteValidity = inviteValidity;
    }

    /**
     * Writes the new admin's database records in one local transaction: a {@link User} with role
     * {@code ADMIN} and status {@code INVITED}, linked to its Cognito user, and an
     * {@link AdminInfo} that points at it and records who invited it and when. Joins the caller's
     * transaction when there is one, so the saga can mark its journal {@code COMPLETED} atomically
     * with these rows.
     *
     * <p>Called by {@code AdminProvisioningService.provisionNewAdmin} (step 5 of the saga) after
     * {@code CognitoGateway.createAdminUser} succeeded, and by the reconciler when it rolls a
     * crashed request forward. Never called with a Cognito call inside the same transaction.
     *
     * @param email           {@code String}, the new admin's email, normalized and validated
     *                        (see {@link EmailAddress})
     * @param cognitoUsername {@code String}, the username Cognito gave the user (a UUID in
     *                        email-as-username pools)
     * @param cognitoSub      {@code String}, the user's immutable {@code sub}; may be {@code null}
     *                        when the pool did not report one
     * @param invitedBy       {@code UUID}, the id of the admin who asked for it; {@code null} only
     *                        for a bootstrap provisioning that no admin asked for
     * @return on success an {@link AdminAccount} holding both records as written: the new user's
     *         id, status {@code INVITED}, the inviter and the invitation time
     * @throws AdminAlreadyExistsException an admin that is not offboarded has this email or
     *                                     Cognito username (checked first, and enforced by the
     *                                     unique constraints when two writers race)
     * @throws DataAccessException         any other failure of the database; nothing is written
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public AdminAccount createAdminDatabaseRecords(String email, String cognitoUsername, String cognitoSub,
            UUID invitedBy) {
        EmailAddress address = EmailAddress.of(email);
        if (users.existsByLiveEmail(address.value())) {
            throw new AdminAlreadyExistsException(address.value());
        }
        User inviter = invitedBy == null ? null : users.getReferenceById(invitedBy);
        User user = User.invitedAdmin(address, cognitoUsername, cognitoSub, clock.instant());
        AdminInfo info = AdminInfo.invited(user, inviter, clock.instant());
        return save(address, user, info);
    }

    /**
     * Writes the records of an admin whose Cognito user already has a permanent password: the
     * bootstrap admin, or an existing pool admin the service adopts.
     *
     * @throws AdminAlreadyExistsException a live admin has this email or username
     */
    @Transactional
    public AdminAccount createActiveAdminRecords(String email, String cognitoUsername, String cognitoSub) {
        EmailAddress address = EmailAddress.of(email);
        if (users.existsByLiveEmail(address.value())) {
            throw new AdminAlreadyExistsException(address.value());
        }
        User user = User.activeAdmin(address, cognitoUsername, cognitoSub, clock.instant());
        return save(address, user, AdminInfo.activeFromStart(user, clock.instant()));
    }

    private AdminAccount save(EmailAddress address, User user, AdminInfo info) {
        try {
            users.saveAndFlush(user);
            adminInfos.saveAndFlush(info);
        } catch (DataIntegrityViolationException e) {
            // A concurrent writer won the unique constraint on email or Cognito username.
            throw new AdminAlreadyExistsException(address.value());
        }
        return snapshot(info);
    }

    /**
     * Marks the admin ACTIVE after its first sign-in with a permanent password. Idempotent; a
     * disabled or offboarded admin stays as it is.
     *
     * @return the admin, or empty when no live admin has this Cognito username
     */
    @Transactional
    public Optional<AdminAccount> activate(String cognitoUsername) {
        return adminInfos.findByUserLiveCognitoUsername(cognitoUsername).map(info -> {
            info.activate(clock.instant());
            return snapshot(info);
        });
    }

    /**
     * Records the Cognito {@code sub} of an admin whose record was written without one (an older
     * record, or a pool that did not report it), the first time a token for it is used. A recorded
     * {@code sub} is never replaced: when two first uses race, the first write wins and the other
     * fails on the row's version.
     *
     * @return the admin as stored afterwards, or empty when no admin has this id
     * @throws org.springframework.dao.OptimisticLockingFailureException a concurrent first use bound it
     */
    @Transactional
    public Optional<AdminAccount> bindCognitoSub(UUID userId, String sub) {
        return adminInfos.findByUserId(userId).map(info -> {
            info.getUser().bindSub(sub, clock.instant());
            return snapshot(info);
        });
    }

    // --- changes an operation makes inside its own transaction, after locking the admin ---------

    /**
     * Locks the admin's row until the caller's transaction ends and returns it as it is now: the
     * first statement of every change to an existing admin, so concurrent changes queue up.
     *
     * @return the admin, or empty when no user has this id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<AdminAccount> lockForChange(UUID id) {
        return users.lockById(id).flatMap(user -> adminInfos.findByUserId(id)).map(this::snapshot);
    }

    /**
     * Locks the roster of ACTIVE admins until the caller's transaction ends. Every change that can
     * lower their number takes it first, so two admins disabling each other at once are serialized
     * and the second sees that it would leave nobody ACTIVE.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockActiveAdminRoster() {
        users.lockActiveAdminRoster();
    }

    /** How many ACTIVE admins there are besides this one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long countOtherActiveAdmins(UUID id) {
        return users.countByStatusAndIdNot(AdminStatus.ACTIVE, id);
    }

    /** DISABLED: its token is refused from the next request on. Idempotent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AdminAccount disable(UUID id) {
        AdminInfo info = require(id);
        info.getUser().disable(clock.instant());
        return snapshot(info);
    }

    /** Back to ACTIVE, or INVITED when it never signed in. Idempotent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AdminAccount enable(UUID id) {
        AdminInfo info = require(id);
        info.getUser().enable(info.getActivatedAt() != null, clock.instant());
        return snapshot(info);
    }

    /** OFFBOARDED: the row stays, the email and Cognito username are free for a later admin. Idempotent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AdminAccount offboard(UUID id) {
        AdminInfo info = require(id);
        info.getUser().offboard(clock.instant());
        users.flush();
        return snapshot(info);
    }

    /** Counts one more invitation sent to the admin, now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AdminAccount recordInviteResent(UUID id) {
        AdminInfo info = require(id);
        info.recordInviteResent(clock.instant());
        return snapshot(info);
    }

    private AdminInfo require(UUID id) {
        return adminInfos.findByUserId(id).orElseThrow(() -> new AdminNotFoundException("with id " + id));
    }

    // --- reading ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<AdminAccount> findById(UUID id) {
        return adminInfos.findByUserId(id).map(this::snapshot);
    }

    /** The live admin (not offboarded) with this Cognito username. */
    @Transactional(readOnly = true)
    public Optional<AdminAccount> findByCognitoUsername(String cognitoUsername) {
        return adminInfos.findByUserLiveCognitoUsername(cognitoUsername).map(this::snapshot);
    }

    /** The live admin with this Cognito username as a request's caller: its identity and status, nothing more. */
    public Optional<Caller> findCaller(String cognitoUsername) {
        return users.findCaller(cognitoUsername);
    }

    /** The live admin (not offboarded) with this normalized email. */
    @Transactional(readOnly = true)
    public Optional<AdminAccount> findByEmail(String email) {
        return adminInfos.findByUserLiveEmail(email).map(this::snapshot);
    }

    @Transactional(readOnly = true)
    public boolean existsByEmail(String email) {
        return users.existsByLiveEmail(email);
    }

    @Transactional(readOnly = true)
    public boolean anyActiveAdmin() {
        return users.existsByStatus(AdminStatus.ACTIVE);
    }

    /**
     * One page of admins, for {@code GET /admins}.
     *
     * @param statuses    the states to list
     * @param emailPrefix only emails starting with this (any letter case); empty for all
     */
    @Transactional(readOnly = true)
    public Page<AdminAccount> page(Set<AdminStatus> statuses, String emailPrefix, Pageable page) {
        String prefix = emailPrefix.trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%";
        return adminInfos.findPage(statuses, prefix, page).map(this::snapshot);
    }

    /**
     * The live (not offboarded) admins after {@code after} in id order, with whether each has its
     * {@link AdminInfo}: the drift report's walk through our side, one keyset page in memory at a time.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     */
    @Transactional(readOnly = true)
    public List<RecordedAdmin> scanLive(UUID after, int pageSize) {
        return after == null ? users.findFirstLive(Limit.of(pageSize)) : users.findLiveAfter(after, Limit.of(pageSize));
    }

    /** How many admins are live (not offboarded): the drift report's check that the listing matched them all. */
    @Transactional(readOnly = true)
    public long countLive() {
        return users.countByLiveCognitoUsernameNotNull();
    }

    /** The live admins with these Cognito usernames, as the drift report sees them (one page of the admin group). */
    @Transactional(readOnly = true)
    public List<RecordedAdmin> recordedByCognitoUsernames(Collection<String> cognitoUsernames) {
        if (cognitoUsernames.isEmpty()) {
            return List.of();
        }
        return users.findRecordedByLiveCognitoUsernames(cognitoUsernames);
    }

    /** One user row as the drift report sees it. */
    @Transactional(readOnly = true)
    public Optional<RecordedAdmin> recorded(UUID id) {
        return users.findById(id).map(user -> new RecordedAdmin(user.getId(), user.getEmail(),
                user.getCognitoUsername(), user.getStatus(),
                users.findIdsWithoutAdminInfoIn(List.of(id)).isEmpty()));
    }

    /**
     * Disables a user whose Cognito user is gone or whose {@link AdminInfo} is missing (the repair
     * of an orphan record): it keeps its history but can no longer act. Idempotent.
     *
     * @return whether a user with this id exists
     */
    @Transactional
    public boolean disableOrphan(UUID userId) {
        return users.findById(userId).map(user -> {
            user.disable(clock.instant());
            return true;
        }).orElse(false);
    }

    private AdminAccount snapshot(AdminInfo info) {
        return AdminAccount.of(info, inviteValidity, clock.instant());
    }

    /** An admin as a request's caller: who it is, which {@code sub} it is bound to, and whether it may act. */
    public record Caller(UUID id, String email, String cognitoUsername, String cognitoSub, AdminStatus status) {

        public static Caller of(AdminAccount account) {
            return new Caller(account.id(), account.email(), account.cognitoUsername(), account.cognitoSub(),
                    account.status());
        }
    }

    /**
     * A user row with or without its admin record.
     *
     * @param hasAdminInfo false for a {@code User} whose {@code AdminInfo} is missing (drift)
     */
    public record RecordedAdmin(UUID id, String email, String cognitoUsername, AdminStatus status,
            boolean hasAdminInfo) {
    }
}
