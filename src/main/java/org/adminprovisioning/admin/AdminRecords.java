package org.adminprovisioning.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The admin records in our database: the {@link User} row and its {@link AdminInfo}. */
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
     * @throws AdminAlreadyExistsException a {@code User} with this email or Cognito username
     *                                     exists (checked first, and enforced by the unique
     *                                     constraints when two writers race)
     * @throws DataAccessException         any other failure of the database; nothing is written
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public AdminAccount createAdminDatabaseRecords(String email, String cognitoUsername, String cognitoSub,
            UUID invitedBy) {
        EmailAddress address = EmailAddress.of(email);
        if (users.existsByEmail(address.value())) {
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
     * @throws AdminAlreadyExistsException a {@code User} with this email or username exists
     */
    @Transactional
    public AdminAccount createActiveAdminRecords(String email, String cognitoUsername, String cognitoSub) {
        EmailAddress address = EmailAddress.of(email);
        if (users.existsByEmail(address.value())) {
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
        return AdminAccount.of(info, inviteValidity);
    }

    /**
     * Marks the admin ACTIVE after its first sign-in with a permanent password. Idempotent.
     *
     * @return the admin, or empty when no admin has this Cognito username
     */
    @Transactional
    public Optional<AdminAccount> activate(String cognitoUsername) {
        return users.findByCognitoUsername(cognitoUsername)
                .flatMap(user -> adminInfos.findByUserId(user.getId()))
                .map(info -> {
                    info.activate(clock.instant());
                    return AdminAccount.of(info, inviteValidity);
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
            return AdminAccount.of(info, inviteValidity);
        });
    }

    /**
     * Disables a user whose Cognito user is gone (the repair of an orphan record): it keeps its
     * history (who invited whom) but can no longer act as an admin. Idempotent.
     *
     * @return whether a user with this id exists
     */
    @Transactional
    public boolean disable(UUID userId) {
        return users.findById(userId).map(user -> {
            user.disable(clock.instant());
            return true;
        }).orElse(false);
    }

    /** Counts one more invitation sent to the admin, now. */
    @Transactional
    public AdminAccount recordInviteResent(UUID userId) {
        AdminInfo info = adminInfos.findByUserId(userId)
                .orElseThrow(() -> new AdminNotFoundException("with id " + userId));
        info.recordInviteResent(clock.instant());
        return AdminAccount.of(info, inviteValidity);
    }

    @Transactional(readOnly = true)
    public Optional<AdminAccount> findById(UUID id) {
        return adminInfos.findByUserId(id).map(info -> AdminAccount.of(info, inviteValidity));
    }

    @Transactional(readOnly = true)
    public Optional<AdminAccount> findByCognitoUsername(String cognitoUsername) {
        return users.findByCognitoUsername(cognitoUsername).flatMap(user -> adminInfos.findByUserId(user.getId()))
                .map(info -> AdminAccount.of(info, inviteValidity));
    }

    @Transactional(readOnly = true)
    public Optional<AdminAccount> findByEmail(String email) {
        return adminInfos.findByUserEmail(email).map(info -> AdminAccount.of(info, inviteValidity));
    }

    @Transactional(readOnly = true)
    public List<AdminAccount> findAll() {
        return adminInfos.findAllByOrderByInvitedAtAsc().stream().map(info -> AdminAccount.of(info, inviteValidity)).toList();
    }

    @Transactional(readOnly = true)
    public boolean existsByEmail(String email) {
        return users.existsByEmail(email);
    }

    @Transactional(readOnly = true)
    public boolean anyActiveAdmin() {
        return users.existsByStatus(AdminStatus.ACTIVE);
    }
}
