package org.adminprovisioning.drift;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminRecords.RecordedAdmin;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.provisioning.ReconciliationRun;
import org.adminprovisioning.provisioning.UnfinishedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Repairs one entry of the drift report on purpose, after checking that it still drifts, and audits it. */
@Service
public class DriftRepairs {

    private static final Logger log = LoggerFactory.getLogger(DriftRepairs.class);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final UnfinishedRequests unfinished;
    private final AuditTrail audit;

    DriftRepairs(CognitoGateway cognito, AdminRecords records, UnfinishedRequests unfinished, AuditTrail audit) {
        this.cognito = cognito;
        this.records = records;
        this.unfinished = unfinished;
        this.audit = audit;
    }

    /**
     * @throws DriftNotFoundException   no such entry, or it no longer drifts
     * @throws InvalidRepairException   the action does not fit the entry, or the id is malformed
     * @throws DriftInProgressException an unfinished operation accounts for the entry: the reconciler settles it
     * @throws org.adminprovisioning.admin.AdminAlreadyExistsException adopting a ghost whose email
     *                                  another admin has
     * @throws org.adminprovisioning.cognito.CognitoUnavailableException Cognito could not be reached
     */
    @PreAuthorize("hasRole('ADMIN')")
    public RepairRequest.Result repair(RepairRequest request) {
        AdminPrincipal caller = CurrentAdmin.require();
        return switch (request.entry()) {
            case GHOST_COGNITO_USER -> repairGhost(request, caller);
            case ORPHAN_RECORD -> repairRecord(request, caller);
            case STUCK_REQUEST -> retryStuck(request, caller);
        };
    }

    private RepairRequest.Result repairGhost(RepairRequest request, AdminPrincipal caller) {
        CognitoUser ghost = cognito.findUser(request.id())
                .filter(user -> user.username().equals(request.id()))
                .orElseThrow(() -> new DriftNotFoundException("No Cognito user " + request.id()));
        if (records.findByCognitoUsername(ghost.username()).isPresent()) {
            throw new DriftNotFoundException("Cognito user " + ghost.username() + " has its records: no ghost");
        }
        if (!cognito.isInAdminGroup(ghost.username())) {
            // Only admin-group members can be ghosts: a repair must not delete or promote any other pool user.
            throw new DriftNotFoundException("Cognito user " + ghost.username() + " is not in the admin group: no ghost");
        }
        refuseWhileUnfinished(ghost.email(), ghost.username());
        String target = ghost.email() == null ? ghost.username() : ghost.email();
        switch (request.action()) {
            case DELETE_COGNITO_USER -> {
                cognito.deleteUser(ghost.username());
                return repaired(request, caller, target, "DELETED", "The Cognito user was deleted",
                        "deleted ghost Cognito user " + ghost.username());
            }
            case CREATE_RECORDS -> {
                if (ghost.email() == null) {
                    throw new InvalidRepairException("Cognito user " + ghost.username() + " has no email to record");
                }
                AdminAccount account = ghost.status() == CognitoUserStatus.CONFIRMED
                        ? records.createActiveAdminRecords(ghost.email(), ghost.username(), ghost.sub())
                        : records.createAdminDatabaseRecords(ghost.email(), ghost.username(), ghost.sub(),
                                caller.userId());
                return repaired(request, caller, account.email(), "RECORDS_CREATED",
                        "User " + account.id() + " is " + account.status(),
                        "created records for ghost Cognito user " + ghost.username() + " (" + account.status() + ")");
            }
            default -> throw new InvalidRepairException("A ghost Cognito user is repaired with delete-cognito-user "
                    + "or create-records");
        }
    }

    private RepairRequest.Result repairRecord(RepairRequest request, AdminPrincipal caller) {
        if (request.action() == RepairRequest.Action.RETRY || request.action() == RepairRequest.Action.CREATE_RECORDS
                || request.action() == RepairRequest.Action.DELETE_COGNITO_USER) {
            throw new InvalidRepairException("A record is repaired with disable-records, disable-cognito-user, "
                    + "enable-cognito-user or add-to-admin-group");
        }
        UUID userId = uuid(request.id());
        RecordedAdmin record = records.recorded(userId)
                .orElseThrow(() -> new DriftNotFoundException("No user " + userId));
        Optional<CognitoUser> user = cognito.findUser(record.cognitoUsername());
        RecordDrift drift = RecordDrift.of(record, user, user.isPresent() && cognito.isInAdminGroup(user.get().username()))
                .orElseThrow(() -> new DriftNotFoundException("User " + userId + " agrees with its Cognito user: "
                        + "nothing to repair"));
        if (!drift.repairedBy(request.action())) {
            throw new InvalidRepairException("A record that is " + drift.code() + " is not repaired with "
                    + request.action().name().toLowerCase().replace('_', '-'));
        }
        refuseWhileUnfinished(record.email(), record.cognitoUsername());
        switch (request.action()) {
            case DISABLE_RECORDS -> records.disableOrphan(userId);
            case DISABLE_COGNITO_USER -> {
                cognito.disableUser(record.cognitoUsername());
                cognito.signOutEverywhere(record.cognitoUsername());
            }
            case ENABLE_COGNITO_USER -> cognito.enableUser(record.cognitoUsername());
            case ADD_TO_ADMIN_GROUP -> cognito.addToAdminGroup(record.cognitoUsername());
            default -> throw new IllegalStateException("Unexpected repair " + request.action());
        }
        return repaired(request, caller, record.email(), "REPAIRED", "User " + userId + ": " + drift.code()
                + " repaired with " + request.action().name().toLowerCase().replace('_', '-'),
                "repaired record " + userId + " (" + drift.code() + ") with " + request.action());
    }

    private RepairRequest.Result retryStuck(RepairRequest request, AdminPrincipal caller) {
        if (request.action() != RepairRequest.Action.RETRY) {
            throw new InvalidRepairException("A stuck request is repaired with retry");
        }
        UUID requestId = uuid(request.id());
        ReconciliationRun.Result outcome = unfinished.retryNow(requestId, caller.email())
                .orElseThrow(() -> new DriftNotFoundException("No unfinished request " + requestId));
        audit.record(caller.email(), Action.REPAIR, "request " + requestId,
                switch (outcome) {
                    case COMPLETED, FAILED, ROLLED_BACK, VERIFIED -> Outcome.SUCCEEDED;
                    default -> Outcome.FAILED;
                }, "retried stuck request: " + outcome);
        return result(request, outcome.name(), switch (outcome) {
            case COMPLETED -> "The change now holds in Cognito and in the database";
            case FAILED, ROLLED_BACK, VERIFIED -> "The request ended without its change, in either system";
            case SKIPPED -> "The request moved on meanwhile";
            case RETRY_LATER -> "The attempt failed again; the reconciler retries with backoff";
            case NEEDS_ATTENTION -> "The attempt failed again; see lastError in the drift report";
        });
    }

    private void refuseWhileUnfinished(String email, String username) {
        if (!unfinished.accountingFor(email == null ? List.of() : List.of(email), List.of(username)).isEmpty()) {
            throw new DriftInProgressException("A change to " + (email == null ? username : email)
                    + " is unfinished; the reconciler settles it");
        }
    }

    private RepairRequest.Result repaired(RepairRequest request, AdminPrincipal caller, String target, String outcome,
            String detail, String audited) {
        audit.record(caller.email(), Action.REPAIR, target, Outcome.SUCCEEDED, audited);
        log.info("Admin {} repaired drift: {}", caller.email(), audited);
        return result(request, outcome, detail);
    }

    private static RepairRequest.Result result(RepairRequest request, String outcome, String detail) {
        return new RepairRequest.Result(request.entry(), request.id(), request.action(), outcome, detail);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRepairException("'" + (id.length() > 40 ? id.substring(0, 40) : id) + "' is not an id");
        }
    }
}
