package org.adminprovisioning.provisioning;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The provisioning journal. */
public interface ProvisioningRequests extends JpaRepository<ProvisioningRequest, UUID> {

    /** The states a request leaves only through the saga or the reconciler. */
    List<ProvisioningState> UNFINISHED = List.of(ProvisioningState.STARTED, ProvisioningState.COGNITO_CREATED,
            ProvisioningState.COMPENSATING);

    Optional<ProvisioningRequest> findByIdempotencyKey(String idempotencyKey);

    List<ProvisioningRequest> findByEmailOrderByCreatedAtAsc(String email);

    /** The request, locked ({@code SELECT … FOR UPDATE}) until the calling transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ProvisioningRequest r where r.id = :id")
    Optional<ProvisioningRequest> lockById(@Param("id") UUID id);

    /**
     * Unfinished requests the reconciler may take now, locked for the calling transaction. Rows
     * another transaction holds (a live saga's step, another instance's claim) are skipped, not
     * waited for. A {@code FAILED} request with a {@code next_attempt_at} awaits the reconciler's
     * second look for a late Cognito user. A request nobody handed over yet ({@code next_attempt_at} null) must be older
     * than the stale threshold, since a live saga may still be working on it; otherwise its lease
     * or backoff must be over. Requests that need an admin's attention are left alone. Plain SQL
     * that H2 2.x and PostgreSQL both run.
     */
    @Query(value = """
            SELECT * FROM provisioning_requests
            WHERE (state IN ('STARTED', 'COGNITO_CREATED', 'COMPENSATING')
                    AND needs_attention_since IS NULL
                    AND ((next_attempt_at IS NULL AND updated_at <= :staleBefore) OR next_attempt_at <= :now))
               OR (state = 'FAILED' AND next_attempt_at <= :now)
            ORDER BY updated_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""", nativeQuery = true)
    List<ProvisioningRequest> lockDue(@Param("now") Instant now, @Param("staleBefore") Instant staleBefore,
            @Param("limit") int limit);

    /** Unfinished requests the reconciler gave up on, or that are older than {@code stuckBefore}. */
    @Query("""
            select r from ProvisioningRequest r
            where r.state in :states and (r.needsAttentionSince is not null or r.updatedAt < :stuckBefore)
            order by r.createdAt""")
    List<ProvisioningRequest> findStuck(@Param("states") Collection<ProvisioningState> states,
            @Param("stuckBefore") Instant stuckBefore, Pageable page);

    /** Which of the emails or Cognito usernames an unfinished request accounts for. */
    @Query("""
            select r from ProvisioningRequest r
            where r.state in :states and (r.email in :emails or r.cognitoUsername in :usernames)""")
    List<ProvisioningRequest> findUnfinishedFor(@Param("states") Collection<ProvisioningState> states,
            @Param("emails") Collection<String> emails, @Param("usernames") Collection<String> usernames);

    long countByStateIn(Collection<ProvisioningState> states);

    long countByStateAndNextAttemptAtIsNotNull(ProvisioningState state);
}
