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

/** The journal of operations. */
interface JournalEntries extends JpaRepository<JournalEntry, UUID> {

    /** The states the reconciler still has work in. */
    List<OperationState> WATCHED = List.of(OperationState.STARTED, OperationState.COGNITO_DONE,
            OperationState.COMPENSATING, OperationState.VERIFYING);

    /** The states in which an operation still holds its admin. */
    List<OperationState> UNFINISHED = List.of(OperationState.STARTED, OperationState.COGNITO_DONE,
            OperationState.COMPENSATING);

    Optional<JournalEntry> findByRequestedByAndIdempotencyKey(UUID requestedBy, String idempotencyKey);

    Optional<JournalEntry> findByRequestedByIsNullAndIdempotencyKey(String idempotencyKey);

    /** The operations on this email other than {@code id} in one of these states. */
    List<JournalEntry> findByEmailAndIdNotAndStateIn(String email, UUID id, Collection<OperationState> states);

    /** The entry, locked ({@code SELECT … FOR UPDATE}) until the calling transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from JournalEntry e where e.id = :id")
    Optional<JournalEntry> lockById(@Param("id") UUID id);

    /** Resends of the invitation to this email that took (or hold) one of the window's slots. */
    @Query("""
            select count(e) from JournalEntry e where e.operation = org.adminprovisioning.provisioning.Operation.RESEND
            and e.email = :email and e.createdAt > :since and e.state in :states""")
    long countResends(@Param("email") String email, @Param("since") Instant since,
            @Param("states") Collection<OperationState> states);

    /**
     * Entries the reconciler may take now, locked for the calling transaction. Rows another
     * transaction holds (a live operation's step, another instance's claim) are skipped, not
     * waited for. An entry nobody handed over yet ({@code next_attempt_at} null) must be older than
     * the stale threshold, since a live instance may still be working on it; otherwise its lease,
     * backoff or second look must be due. Entries that need an admin's attention are left alone.
     * Plain SQL that H2 2.x and PostgreSQL both run.
     */
    @Query(value = """
            SELECT * FROM admin_operations
            WHERE (state IN ('STARTED', 'COGNITO_DONE', 'COMPENSATING')
                    AND needs_attention_since IS NULL
                    AND ((next_attempt_at IS NULL AND updated_at <= :staleBefore) OR next_attempt_at <= :now))
               OR (state = 'VERIFYING' AND next_attempt_at <= :now)
            ORDER BY updated_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""", nativeQuery = true)
    List<JournalEntry> lockDue(@Param("now") Instant now, @Param("staleBefore") Instant staleBefore,
            @Param("limit") int limit);

    /** Unfinished entries the reconciler gave up on, or that are older than {@code stuckBefore}. */
    @Query("""
            select e from JournalEntry e
            where e.state in :states and (e.needsAttentionSince is not null or e.updatedAt < :stuckBefore)
            order by e.createdAt""")
    List<JournalEntry> findStuck(@Param("states") Collection<OperationState> states,
            @Param("stuckBefore") Instant stuckBefore, Pageable page);

    /** The entries in these states for any of the emails or Cognito usernames. */
    @Query("""
            select e from JournalEntry e
            where e.state in :states and (e.email in :emails or e.cognitoUsername in :usernames)""")
    List<JournalEntry> findFor(@Param("states") Collection<OperationState> states,
            @Param("emails") Collection<String> emails, @Param("usernames") Collection<String> usernames);

    /** How many entries are in each of these states (states without any are absent): one grouped count. */
    @Query("select e.state, count(e) from JournalEntry e where e.state in :states group by e.state")
    List<Object[]> countByState(@Param("states") Collection<OperationState> states);
}
