package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journal's transitions, each in a short transaction of its own, or the caller's when it must
 * commit with the caller's database change. Every transition locks the entry's row first
 * ({@code SELECT … FOR UPDATE}) and goes through {@link StateTable}, so an operation and the
 * reconciler of any instance never both act on one entry: whoever comes second gets a
 * {@link TakenOver} that says what happened instead.
 */
@Component
class Journal {

    private final JournalEntries entries;
    private final Clock clock;

    Journal(JournalEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Journals an operation {@code STARTED}, in the caller's transaction (the operation's first).
     * An entry that holds the admin takes its email's unique {@code active_email}: a concurrent
     * change to the same admin fails here, before anything else happens.
     *
     * @throws org.springframework.dao.DataIntegrityViolationException another unfinished operation
     *         holds the admin, or the caller's idempotency key is taken
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public JournalEntry begin(Operation operation, JournalEntry.Subject subject, JournalEntry.Request request,
            boolean holdsTheAdmin) {
        return entries.saveAndFlush(new JournalEntry(operation, subject, request, holdsTheAdmin, clock.instant()));
    }

    /**
     * {@link #begin} for an operation whose database part commits with the entry (disable,
     * offboard): the answer is known already and replays while Cognito's part is pending.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public JournalEntry beginAnswered(Operation operation, JournalEntry.Subject subject, JournalEntry.Request request,
            String responseBody) {
        JournalEntry entry = new JournalEntry(operation, subject, request, true, clock.instant());
        entry.answered(responseBody);
        return entries.saveAndFlush(entry);
    }

    /** Records an operation that had nothing to change, so that its idempotency key replays the answer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beginCompleted(Operation operation, JournalEntry.Subject subject, JournalEntry.Request request,
            String responseBody) {
        JournalEntry entry = new JournalEntry(operation, subject, request, false, clock.instant());
        entry.completed(responseBody, subject.adminId(), clock.instant());
        entries.saveAndFlush(entry);
    }

    /** @throws TakenOver the entry is no longer {@code STARTED} */
    @Transactional
    public void cognitoDone(UUID id, String cognitoUsername) {
        lock(id).cognitoDone(cognitoUsername, clock.instant());
    }

    /**
     * The first statement of the transaction that writes our part: locks the entry until it
     * commits, so the reconciler skips it meanwhile.
     *
     * @throws TakenOver the entry is no longer in {@code expected}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockInState(UUID id, OperationState expected) {
        JournalEntry entry = lock(id);
        if (entry.getState() != expected) {
            throw new TakenOver(entry);
        }
    }

    /** Joins the caller's transaction when there is one: our part and COMPLETED commit together. */
    @Transactional
    public void complete(UUID id, String responseBody, UUID adminId) {
        lock(id).completed(responseBody, adminId, clock.instant());
    }

    @Transactional
    public void fail(UUID id, FailureReason reason, String error) {
        lock(id).failed(reason, error, clock.instant());
    }

    /** @throws TakenOver the operation was completed or ended meanwhile */
    @Transactional
    public void compensating(UUID id, String error) {
        lock(id).compensating(error, clock.instant());
    }

    @Transactional
    public void rolledBack(UUID id, FailureReason reason) {
        lock(id).rolledBack(reason, clock.instant());
    }

    /**
     * Hands the entry over to the reconciler with the error that stopped the operation; the
     * reconciler takes it once it is stale.
     *
     * @throws TakenOver the operation ended meanwhile (the reconciler finished it while the caller
     *                   was stalled)
     */
    @Transactional
    public void handOver(UUID id, String error) {
        lock(id).errorRecorded(error, clock.instant());
    }

    /**
     * An operation the reconciler failed whose Cognito change landed after all: back to
     * {@code COMPENSATING}, to undo it. Holds the admin again unless a newer operation does.
     */
    @Transactional
    public void lateChangeFound(UUID id, String cognitoUsername, String error) {
        JournalEntry entry = lock(id);
        boolean free = unfinishedFor(List.of(entry.getEmail()), List.of()).isEmpty();
        entry.lateChangeFound(cognitoUsername, error, free, clock.instant());
        entries.flush();
    }

    /**
     * The operations on this email other than {@code id} still under way: unfinished, or answered
     * but watched for a Cognito call of theirs that may still land ({@code VERIFYING}).
     */
    @Transactional(readOnly = true)
    public List<JournalEntry> othersUnderway(String email, UUID id) {
        return entries.findByEmailAndIdNotAndStateIn(email, id, JournalEntries.WATCHED);
    }

    @Transactional(readOnly = true)
    public Optional<JournalEntry> find(UUID id) {
        return entries.findById(id);
    }

    /**
     * The caller's earlier request with this idempotency key, unless the key expired: an expired
     * key is forgotten here, so the request that brings it again is a new one.
     */
    @Transactional
    public Optional<JournalEntry> byIdempotencyKey(UUID requestedBy, String key, Duration keyLifetime) {
        Optional<JournalEntry> previous = requestedBy == null ? entries.findByRequestedByIsNullAndIdempotencyKey(key)
                : entries.findByRequestedByAndIdempotencyKey(requestedBy, key);
        if (previous.isPresent() && previous.get().getCreatedAt().isBefore(clock.instant().minus(keyLifetime))
                && !previous.get().getState().holdsTheAdmin()) {
            previous.get().forgetIdempotencyKey();
            entries.flush();
            return Optional.empty();
        }
        return previous;
    }

    /** Resends to this email within the window that took a slot: pending or done, not failed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long resendsSince(String email, Instant since) {
        return entries.countResends(email, since, List.of(OperationState.STARTED, OperationState.COGNITO_DONE,
                OperationState.COMPLETED));
    }

    // --- the reconciler's side -------------------------------------------------------------

    /**
     * Takes up to {@code limit} due entries ({@link JournalEntries#lockDue}) for one reconciler
     * pass: counts an attempt and leases each until {@code now + lease}, so no other instance takes
     * it while this one calls Cognito outside any transaction.
     */
    @Transactional
    public List<Claim> claimDue(int limit, Duration staleAfter, Duration lease) {
        Instant now = clock.instant();
        List<JournalEntry> due = entries.lockDue(now, now.minus(staleAfter), limit);
        due.forEach(entry -> entry.claimed(now.plus(lease)));
        entries.flush();
        return due.stream().map(Claim::of).toList();
    }

    /**
     * Takes one entry for an admin's repair, due or not, and whether or not the reconciler gave up.
     *
     * @return the claim, or empty when no watched entry has this id
     */
    @Transactional
    public Optional<Claim> claimForRepair(UUID id, Duration lease) {
        Optional<JournalEntry> found = entries.lockById(id).filter(entry -> entry.getState().watched());
        found.ifPresent(entry -> {
            entry.retryRequested();
            entry.claimed(clock.instant().plus(lease));
        });
        entries.flush();
        return found.map(Claim::of);
    }

    /**
     * Locks a claimed entry again to act on what the reconciler learned from Cognito.
     *
     * @throws TakenOver the entry changed since it was claimed (the operation moved on, or
     *                   another instance re-claimed it)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public JournalEntry lockClaimed(Claim claim) {
        JournalEntry entry = lock(claim.id());
        if (!claim.version().equals(entry.getVersion())) {
            throw new TakenOver(entry);
        }
        return entry;
    }

    /** Ends a claimed entry {@code FAILED}. */
    @Transactional
    public void failClaimed(Claim claim, FailureReason reason, String error) {
        lockClaimed(claim).failed(reason, error, clock.instant());
    }

    /** Ends a claimed entry {@code VERIFYING}: failed, and looked at once more at {@code lookAt}. */
    @Transactional
    public void failClaimedPendingSecondLook(Claim claim, FailureReason reason, String error, Instant lookAt) {
        lockClaimed(claim).failedPendingSecondLook(reason, error, lookAt, clock.instant());
    }

    /** The second look found no late change: {@code FAILED} for good. */
    @Transactional
    public void nothingLandedClaimed(Claim claim) {
        lockClaimed(claim).nothingLanded(clock.instant());
    }

    /** The second look found a late change: back to {@code COMPENSATING}. */
    @Transactional
    public void lateChangeFoundClaimed(Claim claim, String cognitoUsername, String error) {
        JournalEntry entry = lockClaimed(claim);
        boolean free = unfinishedFor(List.of(entry.getEmail()), List.of()).isEmpty();
        entry.lateChangeFound(cognitoUsername, error, free, clock.instant());
        entries.flush();
    }

    /** Ends a claimed entry {@code COMPLETED}, in the caller's transaction when there is one. */
    @Transactional
    public void completeClaimed(Claim claim, String responseBody, UUID adminId) {
        lockClaimed(claim).completed(responseBody, adminId, clock.instant());
    }

    /** Ends a claimed entry {@code ROLLED_BACK} (its Cognito change is undone or was never there). */
    @Transactional
    public void rollBackClaimed(Claim claim, FailureReason reason) {
        lockClaimed(claim).rolledBack(reason, clock.instant());
    }

    /** Schedules the claimed entry's next attempt after a failed one. */
    @Transactional
    public void retryClaimedAt(Claim claim, Instant nextAttempt, String error) {
        lockClaimed(claim).retryAt(nextAttempt, error);
    }

    /** Stops retrying the claimed entry and flags it for an admin. */
    @Transactional
    public void giveUpOnClaimed(Claim claim, String error) {
        lockClaimed(claim).gaveUp(error, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<JournalEntry> stuck(Instant stuckBefore, int limit) {
        return entries.findStuck(JournalEntries.UNFINISHED, stuckBefore, PageRequest.of(0, limit));
    }

    /** The unfinished entries for any of these emails or Cognito usernames. */
    @Transactional(readOnly = true)
    public List<JournalEntry> unfinishedFor(Collection<String> emails, Collection<String> usernames) {
        return findFor(JournalEntries.UNFINISHED, emails, usernames);
    }

    /** The entries the reconciler still watches for any of these emails or Cognito usernames. */
    @Transactional(readOnly = true)
    public List<JournalEntry> watchedFor(Collection<String> emails, Collection<String> usernames) {
        return findFor(JournalEntries.WATCHED, emails, usernames);
    }

    private List<JournalEntry> findFor(List<OperationState> states, Collection<String> emails,
            Collection<String> usernames) {
        if (emails.isEmpty() && usernames.isEmpty()) {
            return List.of();
        }
        // An empty IN list is not portable SQL; a value no row holds stands in for it.
        return entries.findFor(states, emails.isEmpty() ? List.of("") : emails,
                usernames.isEmpty() ? List.of("") : usernames);
    }

    private JournalEntry lock(UUID id) {
        return entries.lockById(id).orElseThrow(() -> new IllegalStateException("No journal entry " + id));
    }

    /**
     * What the reconciler knows about an entry it took: enough to ask Cognito, and the row version
     * that tells it, when it comes back, whether anybody moved the entry meanwhile.
     */
    record Claim(UUID id, Operation operation, String email, OperationState state, String cognitoUsername,
            UUID adminId, UUID requestedBy, Instant createdAt, int attempts, Long version) {

        static Claim of(JournalEntry entry) {
            return new Claim(entry.getId(), entry.getOperation(), entry.getEmail(), entry.getState(),
                    entry.getCognitoUsername(), entry.getAdminId(), entry.getRequestedBy(), entry.getCreatedAt(),
                    entry.getAttempts(), entry.getVersion());
        }
    }
}
