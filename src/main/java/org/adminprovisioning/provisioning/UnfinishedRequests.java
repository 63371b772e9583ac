package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.cognito.CognitoUser;
import org.springframework.stereotype.Service;

/**
 * What the journal publishes to other features (the drift report): the operations that are not
 * finished yet, whether one of them accounts for a Cognito user, and an admin's repair of one.
 */
@Service
public class UnfinishedRequests {

    private final Journal journal;
    private final Reconciler reconciler;
    private final Ownership ownership;
    private final ProvisioningProperties properties;
    private final Clock clock;

    UnfinishedRequests(Journal journal, Reconciler reconciler, Ownership ownership, ProvisioningProperties properties,
            Clock clock) {
        this.journal = journal;
        this.reconciler = reconciler;
        this.ownership = ownership;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Operations the reconciler gave up on, or unfinished for longer than
     * {@code provisioning.reconciler.stuck-after}, oldest first.
     */
    public List<UnfinishedRequest> stuck(int limit) {
        Instant stuckBefore = clock.instant().minus(properties.reconciler().stuckAfter());
        return journal.stuck(stuckBefore, limit).stream().map(UnfinishedRequest::of).toList();
    }

    /** The unfinished operations for any of these emails or Cognito usernames. */
    public List<UnfinishedRequest> accountingFor(Collection<String> emails, Collection<String> usernames) {
        return journal.unfinishedFor(emails, usernames).stream().map(UnfinishedRequest::of).toList();
    }

    /** Whether the unfinished operation owns the Cognito user, by the one rule of {@link Ownership}. */
    public boolean explains(UnfinishedRequest operation, CognitoUser user) {
        // A contested user is one of two unfinished operations' own: either explains it.
        return ownership.judge(operation.id(), operation.email(), operation.cognitoUsername(), operation.createdAt(),
                user) != Ownership.Verdict.NOT_OWN;
    }

    /**
     * Drives one operation towards an end now, due or not: an admin's repair of a stuck request.
     *
     * @return what became of it, or empty when no unfinished operation has this id
     */
    public Optional<ReconciliationRun.Result> retryNow(UUID id, String actor) {
        return reconciler.retryNow(id, actor);
    }

    /** One unfinished operation, as other features see it. */
    public record UnfinishedRequest(UUID id, Operation operation, String email, String cognitoUsername,
            OperationState state, int attempts, String lastError, Instant createdAt, Instant updatedAt,
            Instant nextAttemptAt, Instant needsAttentionSince) {

        static UnfinishedRequest of(JournalEntry entry) {
            return new UnfinishedRequest(entry.getId(), entry.getOperation(), entry.getEmail(),
                    entry.getCognitoUsername(), entry.getState(), entry.getAttempts(), entry.getLastError(),
                    entry.getCreatedAt(), entry.getUpdatedAt(), entry.getNextAttemptAt(),
                    entry.getNeedsAttentionSince());
        }
    }
}
