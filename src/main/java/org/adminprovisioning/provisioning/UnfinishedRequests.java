package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * What the journal publishes to other features (the drift report): the requests that are not
 * finished yet, and the admin's repair of one of them.
 */
@Service
public class UnfinishedRequests {

    private final ProvisioningJournal journal;
    private final Reconciler reconciler;
    private final ProvisioningProperties properties;
    private final Clock clock;

    UnfinishedRequests(ProvisioningJournal journal, Reconciler reconciler, ProvisioningProperties properties,
            Clock clock) {
        this.journal = journal;
        this.reconciler = reconciler;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Requests the reconciler gave up on, or older than {@code provisioning.reconciler.stuck-after},
     * oldest first.
     */
    public List<UnfinishedRequest> stuck(int limit) {
        Instant stuckBefore = clock.instant().minus(properties.reconciler().stuckAfter());
        return journal.stuck(stuckBefore, limit).stream().map(UnfinishedRequest::of).toList();
    }

    /** The unfinished requests for any of these emails or Cognito usernames. */
    public List<UnfinishedRequest> accountingFor(Collection<String> emails, Collection<String> usernames) {
        return journal.unfinishedFor(emails, usernames).stream().map(UnfinishedRequest::of).toList();
    }

    /**
     * Drives one request to a final state now, due or not: an admin's repair of a stuck request.
     *
     * @return what became of it, or empty when no unfinished request has this id
     */
    public Optional<ReconciliationRun.Result> retryNow(UUID requestId, String actor) {
        return reconciler.retryNow(requestId, actor);
    }

    /** One unfinished request, as other features see it. */
    public record UnfinishedRequest(UUID id, String email, String cognitoUsername, ProvisioningState state,
            int attempts, String lastError, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
            Instant needsAttentionSince) {

        static UnfinishedRequest of(ProvisioningRequest request) {
            return new UnfinishedRequest(request.getId(), request.getEmail(), request.getCognitoUsername(),
                    request.getState(), request.getAttempts(), request.getLastError(), request.getCreatedAt(),
                    request.getUpdatedAt(), request.getNextAttemptAt(), request.getNeedsAttentionSince());
        }
    }
}
