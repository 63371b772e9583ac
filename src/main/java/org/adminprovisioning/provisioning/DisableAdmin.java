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
 * Disables an admin, a compromised or departing one: {@code User} DISABLED first, so its still-valid
 * token is refused from the next request on; then Cognito's {@code AdminDisableUser} (no more
 * sign-ins) and {@code AdminUserGlobalSignOut} (its refresh tokens stop working).
 */
@Service
public class DisableAdmin implements OperationPlan, DatabaseFirstChange.Steps {

    private final CognitoGateway cognito;
    private final DatabaseFirstChange change;
    private final ClaimEndings endings;

    DisableAdmin(CognitoGateway cognito, DatabaseFirstChange change, ClaimEndings endings) {
        this.cognito = cognito;
        this.change = change;
        this.endings = endings;
    }

    /** {@code POST /admins/{id}/disable} by the signed-in admin. */
    @PreAuthorize("hasRole('ADMIN')")
    public OperationOutcome disable(UUID adminId, String idempotencyKey) {
        return disable(new AdminChange(adminId, Actor.of(CurrentAdmin.require()), idempotencyKey));
    }

    /**
     * Disables the admin for an authorized caller. Disabling a DISABLED admin changes nothing.
     *
     * @throws OperationFailedException {@code ADMIN_NOT_FOUND}, {@code CANNOT_CHANGE_SELF},
     *                                  {@code LAST_ACTIVE_ADMIN}, {@code OPERATION_IN_PROGRESS}
     */
    public OperationOutcome disable(AdminChange request) {
        return change.run(this, request);
    }

    @Override
    public Operation operation() {
        return Operation.DISABLE;
    }

    @Override
    public AuditTrail.Action auditAction() {
        return AuditTrail.Action.DISABLE_ADMIN;
    }

    @Override
    public boolean alreadyDone(AdminAccount admin) {
        return admin.status() == AdminStatus.DISABLED;
    }

    @Override
    public AdminAccount applyInDatabase(AdminRecords records, AdminAccount admin) {
        return records.disable(admin.id());
    }

    @Override
    public void applyInCognito(String username) {
        revokeAccess(cognito, username);
    }

    /** Cognito's part of a disabled admin: no more sign-ins, and its refresh tokens stop working. */
    static void revokeAccess(CognitoGateway cognito, String username) {
        cognito.disableUser(username);
        cognito.signOutEverywhere(username);
    }

    @Override
    public ReconciliationRun.Result finish(Journal.Claim claim, String actor) {
        return change.finish(this, claim, endings, actor);
    }
}
