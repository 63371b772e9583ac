package org.adminprovisioning.drift;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.provisioning.Operation;
import org.adminprovisioning.provisioning.OperationState;
import org.adminprovisioning.provisioning.UnfinishedRequests.UnfinishedRequest;

/**
 * {@code GET /admins/reconciliation}: where Cognito and our database disagree in a way no unfinished
 * operation explains, and operations the reconciler could not finish. Read-only: nothing here is
 * repaired; {@code POST /admins/reconciliation/repair} repairs one entry on purpose.
 *
 * @param ghostCognitoUsers members of the admin group without a live {@code User}
 * @param orphanRecords     live {@code User} rows whose Cognito side disagrees (see {@link RecordDrift})
 * @param stuckRequests     unfinished operations the reconciler gave up on, or older than
 *                          {@code provisioning.reconciler.stuck-after}
 * @param truncated         true when a list reached its limit and the scan stopped early
 * @param generatedAt       when the report was made
 */
public record DriftReport(List<GhostCognitoUser> ghostCognitoUsers, List<OrphanRecord> orphanRecords,
        List<StuckRequest> stuckRequests, boolean truncated, Instant generatedAt) {

    /** A Cognito admin without records; repair: {@code delete-cognito-user} or {@code create-records}. */
    public record GhostCognitoUser(String username, String email, CognitoUserStatus status, boolean enabled,
            Instant createdAt) {
    }

    /**
     * A {@code User} whose Cognito side disagrees.
     *
     * @param reason one of {@link RecordDrift}'s codes, e.g. {@code cognito-user-missing}
     */
    public record OrphanRecord(UUID userId, String email, String cognitoUsername, AdminStatus status, String reason) {
    }

    /** An unfinished operation; repair: {@code retry}. */
    public record StuckRequest(UUID requestId, Operation operation, String email, OperationState state, int attempts,
            String lastError, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
            Instant needsAttentionSince) {

        static StuckRequest of(UnfinishedRequest request) {
            return new StuckRequest(request.id(), request.operation(), request.email(), request.state(),
                    request.attempts(), request.lastError(), request.createdAt(), request.updatedAt(),
                    request.nextAttemptAt(), request.needsAttentionSince());
        }
    }
}
