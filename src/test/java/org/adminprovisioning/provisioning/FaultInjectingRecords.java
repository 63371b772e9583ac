package org.adminprovisioning.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * {@link AdminRecords} that fire the {@link FaultPlan}'s faults around the real (transactional)
 * records when the admin's rows are written. Every public method is overridden: the inherited
 * fields are unused.
 */
final class FaultInjectingRecords extends AdminRecords {

    private final FaultPlan faults;
    private final AdminRecords delegate;

    FaultInjectingRecords(FaultPlan faults, AdminRecords delegate) {
        super(null, null, null, null);
        this.faults = faults;
        this.delegate = delegate;
    }

    @Override
    public AdminAccount createAdminDatabaseRecords(String email, String cognitoUsername, String cognitoSub,
            UUID invitedBy) {
        return faults.intercept(Step.WRITE_RECORDS,
                () -> delegate.createAdminDatabaseRecords(email, cognitoUsername, cognitoSub, invitedBy),
                () -> new DataAccessResourceFailureException("injected: database failure at " + Step.WRITE_RECORDS));
    }

    @Override
    public AdminAccount createActiveAdminRecords(String email, String cognitoUsername, String cognitoSub) {
        return delegate.createActiveAdminRecords(email, cognitoUsername, cognitoSub);
    }

    @Override
    public Optional<AdminAccount> activate(String cognitoUsername) {
        return delegate.activate(cognitoUsername);
    }

    @Override
    public Optional<AdminAccount> bindCognitoSub(UUID userId, String sub) {
        return delegate.bindCognitoSub(userId, sub);
    }

    @Override
    public boolean disable(UUID userId) {
        return delegate.disable(userId);
    }

    @Override
    public AdminAccount recordInviteResent(UUID userId) {
        return delegate.recordInviteResent(userId);
    }

    @Override
    public Optional<AdminAccount> findById(UUID id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<AdminAccount> findByCognitoUsername(String cognitoUsername) {
        return delegate.findByCognitoUsername(cognitoUsername);
    }

    @Override
    public Optional<AdminAccount> findByEmail(String email) {
        return delegate.findByEmail(email);
    }

    @Override
    public List<AdminAccount> findAll() {
        return delegate.findAll();
    }

    @Override
    public boolean existsByEmail(String email) {
        return delegate.existsByEmail(email);
    }

    @Override
    public boolean anyActiveAdmin() {
        return delegate.anyActiveAdmin();
    }
}
