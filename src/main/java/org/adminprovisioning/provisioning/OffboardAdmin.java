package org.adminprovisioning.provisioning;

import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Removes an admin for good: {@code User} OFFBOARDED first (its token is refused at once; the row
 * stays for the audit trail and {@code invited_by} links, its email may be invited again later),
 * then Cognito's {@code AdminDeleteUser}. Until that delete is done the operation holds the email,
 * so a new invitation to it waits for the old user to be gone.
 */
@Service
public class OffboardAdmin implements OperationPlan, DatabaseFirstChange.Steps {

    private final CognitoGateway cognito;
    private final DatabaseFirstChange change;
    private final ClaimEndings endings;

    OffboardAdmin(CognitoGateway cognito, DatabaseFirstChange change, ClaimEndings endings) {
        this.cognito = cognito;
        this.change = change;
        this.endings = endings;
    }

    /** {@code DELETE /admins/{id}} by the signed-in admin. */
    @PreAuthorize("hasRole('ADMIN')")
    public OperationOutcome offboard(UUID adminId, String idempotencyKey) {
        return offboard(new AdminChange(adminId, Actor.of(CurrentAdmin.require()), idempotencyKey));
    }

    /**
     * Offboards the admin for an authorized caller. Offboarding an OFFBOARDED admin changes nothing.
     *
     * @throws OperationFailedException {@code ADMIN_NOT_FOUND}, {@code CANNOT_CHANGE_SELF},
     *                                  {@code LAST_ACTIVE_ADMIN}, {@code OPERATION_IN_PROGRESS}
     */
    public OperationOutcome offboard(AdminChange request) {
        return change.run(this, request);
    }

    @Override
    public Operation operation() {
        return Operation.OFFBOARD;
    }

    @Override
    public AuditTrail.Action auditAction() {
        return AuditTrail.Action.OFFBOARD_ADMIN;
    }

    @Override
    public boolean alreadyDone(AdminAccount admin) {
        return admin.status() == AdminStatus.OFFBOARDED;
    }

    @Override
    public AdminAccount applyInDatabase(AdminRecords records, AdminAccount admin) {
        return records.offboard(admin.id());
    }

    @Override
    public void applyInCognito(String username) {
        cognito.deleteUser(username);
    }

    @Override
    public ReconciliationRun.Result finish(Journal.Claim claim, String actor) {
        return change.finish(this, claim, endings, actor);
    }
}
