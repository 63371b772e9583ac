package org.adminprovisioning.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.User;
import org.adminprovisioning.admin.Users;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.drift.DriftReport.GhostCognitoUser;
import org.adminprovisioning.drift.DriftReport.OrphanRecord;
import org.adminprovisioning.drift.DriftReport.StuckRequest;
import org.adminprovisioning.provisioning.ProvisioningInProgressException;
import org.adminprovisioning.provisioning.ReconciliationRun;
import org.adminprovisioning.provisioning.UnfinishedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The drift report and its repairs (DESIGN §4): drift that no request explains is reported, never
 * repaired silently; an admin repairs one entry on purpose. The report pages through Cognito's
 * admin group and through our users, one page in memory at a time.
 */
@Service
public class DriftService {

    private static final Logger log = LoggerFactory.getLogger(DriftService.class);
    /** Entries per list at most; the scan stops there and says so ({@code truncated}). */
    static final int REPORT_LIMIT = 100;
    private static final int USER_PAGE = 100;

    private final CognitoGateway cognito;
    private final Users users;
    private final AdminRecords records;
    private final UnfinishedRequests unfinished;
    private final AuditTrail audit;
    private final Clock clock;

    DriftService(CognitoGateway cognito, Users users, AdminRecords records, UnfinishedRequests unfinished,
            AuditTrail audit, Clock clock) {
        this.cognito = cognito;
        this.users = users;
        this.records = records;
        this.unfinished = unfinished;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Compares the admin group in Cognito ({@code ListUsersInGroup}, page by page) with our users,
     * our users ({@code AdminGetUser} for each, page by page) with Cognito, and lists the
     * unfinished requests that are stuck. Changes nothing.
     *
     * @throws org.adminprovisioning.cognito.CognitoUnavailableException Cognito could not be reached
     */
    @PreAuthorize("hasRole('ADMIN')")
    public DriftReport report() {
        Instant now = clock.instant();
        boolean[] truncated = {false};
        List<GhostCognitoUser> ghosts = ghosts(truncated);
        List<OrphanRecord> orphans = orphans(truncated);
        List<StuckRequest> stuck = unfinished.stuck(REPORT_LIMIT + 1)
                .stream().map(StuckRequest::of).toList();
        if (stuck.size() > REPORT_LIMIT) {
            stuck = stuck.subList(0, REPORT_LIMIT);
            truncated[0] = true;
        }
        return new DriftReport(ghosts, orphans, stuck, truncated[0], now);
    }

    private List<GhostCognitoUser> ghosts(boolean[] truncated) {
        List<GhostCognitoUser> ghosts = new ArrayList<>();
        String token = null;
        do {
            CognitoUserPage page = cognito.listAdminGroupUsers(token);
            List<CognitoUser> unrecorded = unrecorded(page.users());
            Set<String> explained = explainedByUnfinishedRequests(unrecorded);
            for (CognitoUser user : unrecorded) {
                if (explained.contains(user.username()) || (user.email() != null && explained.contains(user.email()))) {
                    continue;
                }
                if (ghosts.size() == REPORT_LIMIT) {
                    truncated[0] = true;
                    return ghosts;
                }
                ghosts.add(new GhostCognitoUser(user.username(), user.email(), user.status(), user.enabled(),
                        user.createdAt()));
            }
            token = page.nextToken();
        } while (token != null);
        return ghosts;
    }

    private List<CognitoUser> unrecorded(List<CognitoUser> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Set<String> recorded = new HashSet<>(users.findCognitoUsernamesIn(page.stream().map(CognitoUser::username)
                .toList()));
        return page.stream().filter(user -> !recorded.contains(user.username())).toList();
    }

    private Set<String> explainedByUnfinishedRequests(List<CognitoUser> unrecorded) {
        Set<String> explained = new HashSet<>();
        unfinished.accountingFor(unrecorded.stream().map(CognitoUser::email).filter(e -> e != null).toList(),
                unrecorded.stream().map(CognitoUser::username).toList()).forEach(request -> {
                    explained.add(request.email());
                    if (request.cognitoUsername() != null) {
                        explained.add(request.cognitoUsername());
                    }
                });
        return explained;
    }

    private List<OrphanRecord> orphans(boolean[] truncated) {
        List<OrphanRecord> orphans = new ArrayList<>();
        Slice<User> page;
        int number = 0;
        do {
            page = users.findAll(PageRequest.of(number++, USER_PAGE, Sort.by("id")));
            Set<UUID> withoutInfo = page.isEmpty() ? Set.of()
                    : new HashSet<>(users.findIdsWithoutAdminInfoIn(page.map(User::getId).toList()));
            for (User user : page) {
                if (user.getStatus() == AdminStatus.DISABLED) {
                    // Disabled users cannot act; an orphan's repair disables it, which settles it.
                    continue;
                }
                String reason = cognito.findUser(user.getCognitoUsername()).isEmpty() ? "cognito-user-missing"
                        : withoutInfo.contains(user.getId()) ? "admin-info-missing" : null;
                if (reason == null) {
                    continue;
                }
                if (orphans.size() == REPORT_LIMIT) {
                    truncated[0] = true;
                    return orphans;
                }
                orphans.add(new OrphanRecord(user.getId(), user.getEmail(), user.getCognitoUsername(),
                        user.getStatus(), reason));
            }
        } while (page.hasNext());
        return orphans;
    }

    /**
     * Repairs one entry of the drift report, after checking that it still drifts, and audits it.
     *
     * @throws DriftNotFoundException   no such entry, or it no longer drifts
     * @throws InvalidRepairException   the action does not fit the entry, or the id is malformed
     * @throws ProvisioningInProgressException an unfinished request accounts for the entry: the
     *                                         reconciler settles it
     * @throws org.adminprovisioning.admin.AdminAlreadyExistsException adopting a ghost whose email
     *                                         another admin has
     * @throws org.adminprovisioning.cognito.CognitoUnavailableException Cognito could not be reached
     */
    @PreAuthorize("hasRole('ADMIN')")
    public RepairRequest.Result repair(RepairRequest request) {
        AdminPrincipal caller = CurrentAdmin.require();
        switch (request.entry()) {
            case GHOST_COGNITO_USER:
                return repairGhost(request, caller);
            case ORPHAN_RECORD:
                return repairOrphan(request, caller);
            case STUCK_REQUEST:
            default:
                return repairStuckRequest(request, caller);
        }
    }

    private RepairRequest.Result repairGhost(RepairRequest request, AdminPrincipal caller) {
        CognitoUser ghost = cognito.findUser(request.id())
                .filter(user -> user.username().equals(request.id()))
                .orElseThrow(() -> new DriftNotFoundException("No Cognito user " + request.id()));
        if (users.findByCognitoUsername(ghost.username()).isPresent()) {
            throw new DriftNotFoundException("Cognito user " + ghost.username() + " has its records: no ghost");
        }
        if (!cognito.isInAdminGroup(ghost.username())) {
            // Only admin-group members can be ghosts: a repair must not delete or promote any other pool user.
            throw new DriftNotFoundException("Cognito user " + ghost.username() + " is not in the admin group: no ghost");
        }
        if (!unfinished.accountingFor(ghost.email() == null ? List.of() : List.of(ghost.email()),
                List.of(ghost.username())).isEmpty()) {
            throw new ProvisioningInProgressException("A provisioning request for " + ghost.email()
                    + " is unfinished; the reconciler settles it");
        }
        String target = ghost.email() == null ? ghost.username() : ghost.email();
        switch (request.action()) {
            case DELETE_COGNITO_USER -> {
                cognito.deleteUser(ghost.username());
                audit.record(caller.email(), Action.REPAIR, target, Outcome.SUCCEEDED,
                        "deleted ghost Cognito user " + ghost.username());
                log.info("Admin {} deleted ghost Cognito user {} ({})", caller.email(), ghost.username(), target);
                return result(request, "DELETED", "The Cognito user was deleted");
            }
            case CREATE_RECORDS -> {
                if (ghost.email() == null) {
                    throw new InvalidRepairException("Cognito user " + ghost.username() + " has no email to record");
                }
                cognito.addToAdminGroup(ghost.username());
                AdminAccount account = ghost.status() == CognitoUserStatus.CONFIRMED
                        ? records.createActiveAdminRecords(ghost.email(), ghost.username(), ghost.sub())
                        : records.createAdminDatabaseRecords(ghost.email(), ghost.username(), ghost.sub(),
                                caller.userId());
                audit.record(caller.email(), Action.REPAIR, account.email(), Outcome.SUCCEEDED,
                        "created records for ghost Cognito user " + ghost.username() + " (" + account.status() + ")");
                log.info("Admin {} adopted ghost Cognito user {} as {}", caller.email(), ghost.username(),
                        account.email());
                return result(request, "RECORDS_CREATED", "User " + account.id() + " is " + account.status());
            }
            default -> throw new InvalidRepairException("A ghost Cognito user is repaired with delete-cognito-user "
                    + "or create-records");
        }
    }

    private RepairRequest.Result repairOrphan(RepairRequest request, AdminPrincipal caller) {
        if (request.action() != RepairRequest.Action.DISABLE_RECORDS) {
            throw new InvalidRepairException("An orphan record is repaired with disable-records");
        }
        UUID userId = uuid(request.id());
        User user = users.findById(userId)
                .orElseThrow(() -> new DriftNotFoundException("No user " + userId));
        boolean inCognito = cognito.findUser(user.getCognitoUsername()).isPresent();
        boolean hasInfo = users.findIdsWithoutAdminInfoIn(List.of(userId)).isEmpty();
        if (inCognito && hasInfo) {
            throw new DriftNotFoundException("User " + userId + " has its Cognito user and AdminInfo: no orphan");
        }
        records.disable(userId);
        audit.record(caller.email(), Action.REPAIR, user.getEmail(), Outcome.SUCCEEDED,
                "disabled orphan record " + userId + (inCognito ? " (no AdminInfo)" : " (no Cognito user)"));
        log.info("Admin {} disabled orphan record {} ({})", caller.email(), userId, user.getEmail());
        return result(request, "DISABLED", "User " + userId + " is DISABLED");
    }

    private RepairRequest.Result repairStuckRequest(RepairRequest request, AdminPrincipal caller) {
        if (request.action() != RepairRequest.Action.RETRY) {
            throw new InvalidRepairException("A stuck request is repaired with retry");
        }
        UUID requestId = uuid(request.id());
        ReconciliationRun.Result outcome = unfinished.retryNow(requestId, caller.email())
                .orElseThrow(() -> new DriftNotFoundException("No unfinished provisioning request " + requestId));
        audit.record(caller.email(), Action.REPAIR, "request " + requestId,
                switch (outcome) {
                    case COMPLETED, FAILED, ROLLED_BACK, VERIFIED -> Outcome.SUCCEEDED;
                    default -> Outcome.FAILED;
                }, "retried stuck request: " + outcome);
        return result(request, outcome.name(), switch (outcome) {
            case COMPLETED -> "The admin now exists in Cognito and in the database";
            case FAILED, ROLLED_BACK, VERIFIED -> "The request ended: nothing exists for it in either system";
            case SKIPPED -> "The request moved on meanwhile";
            case RETRY_LATER -> "The attempt failed again; the reconciler retries with backoff";
            case NEEDS_ATTENTION -> "The attempt failed again; see lastError in the drift report";
        });
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
