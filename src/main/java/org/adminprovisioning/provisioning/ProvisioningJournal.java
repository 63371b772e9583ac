package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.Users;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's state transitions, each in a short transaction of its own (or the caller's, for
 * {@link #markCompleted}, which must commit with the admin records). Every transition locks the
 * request's row first ({@code SELECT … FOR UPDATE}) and checks the state it moves from, so the
 * saga and the reconciler of any instance never both act on the same request: whoever comes
 * second gets a {@link ProvisioningTakenOverException} telling it what happened instead.
 */
@Component
class ProvisioningJournal {

    private final ProvisioningRequests requests;
    private final Users users;
    private final Clock clock;

    ProvisioningJournal(ProvisioningRequests requests, Users users, Clock clock) {
        this.requests = requests;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Tx A: refuses an email that already has a {@code User}, then journals the request
     * {@code STARTED}. The unique {@code active_email} (and {@code idempotency_key}) constraint makes
     * a concurrent twin fail here, before it reaches Cognito.
     *
     * @throws AdminAlreadyExistsException a {@code User} with this email exists
     * @throws org.springframework.dao.DataIntegrityViolationException a twin is in flight
     */
    @Transactional
    public ProvisioningRequest start(EmailAddress email, UUID requestedBy, String idempotencyKey, String requestHash) {
        if (users.existsByEmail(email.value())) {
            throw new AdminAlreadyExistsException(email.value());
        }
        ProvisioningRequest request = requests.saveAndFlush(
                new ProvisioningRequest(email.value(), requestedBy, idempotencyKey, requestHash, clock.instant()));
        // The insert may have waited on a twin's unfinished row until the twin completed and freed
        // active_email; the twin's User is committed by then, and this statement sees it.
        if (users.existsByEmail(email.value())) {
            throw new AdminAlreadyExistsException(email.value());
        }
        return request;
    }

    /** @throws ProvisioningTakenOverException the request is no longer {@code STARTED} */
    @Transactional
    public void markCognitoCreated(UUID requestId, String cognitoUsername) {
        lock(requestId).cognitoCreated(cognitoUsername, clock.instant());
    }

    /**
     * Tx B's first statement: locks the request for the rest of the transaction, so the reconciler
     * skips it while the records are written.
     *
     * @throws ProvisioningTakenOverException the request is no longer {@code COGNITO_CREATED}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForCompletion(UUID requestId) {
        ProvisioningRequest request = lock(requestId);
        if (request.getState() != ProvisioningState.COGNITO_CREATED) {
            throw new ProvisioningTakenOverException(request);
        }
    }

    /** Joins the caller's transaction: Tx B commits the admin records and this together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markCompleted(UUID requestId, String responseBody) {
        lock(requestId).completed(responseBody, clock.instant());
    }

    @Transactional
    public void markFailed(UUID requestId, String failureType, String error) {
        lock(requestId).failed(failureType, error, clock.instant());
    }

    /** @throws ProvisioningTakenOverException the request was completed or finished meanwhile */
    @Transactional
    public void markCompensating(UUID requestId, String error) {
        lock(requestId).compensating(error, clock.instant());
    }

    @Transactional
    public void markRolledBack(UUID requestId, String failureType) {
        lock(requestId).rolledBack(failureType, clock.instant());
    }

    /**
     * Hands the request over to the reconciler with the error that stopped the saga; it looks at
     * the request once it is stale.
     */
    @Transactional
    public void recordError(UUID requestId, String error) {
        lock(requestId).errorRecorded(error, clock.instant());
    }

    /**
     * A request the reconciler failed (it found no Cognito user) whose Cognito user was created
     * after all: back to {@code COMPENSATING}, for the saga and then the reconciler to delete it.
     *
     * @param reserveEmail hold the email again while compensating; pass false after a unique-key
     *                     violation (a newer request holds it)
     */
    @Transactional
    public void reopenForCompensation(UUID requestId, String cognitoUsername, String error, boolean reserveEmail) {
        reopen(lock(requestId), cognitoUsername, error, reserveEmail);
    }

    @Transactional(readOnly = true)
    public Optional<ProvisioningRequest> findByIdempotencyKey(String idempotencyKey) {
        return requests.findByIdempotencyKey(idempotencyKey);
    }

    // --- the reconciler's side -------------------------------------------------------------

    /**
     * Takes up to {@code limit} due requests ({@link ProvisioningRequests#lockDue}) for one
     * reconciler pass: counts an attempt and leases each until {@code now + lease}, so no other
     * instance takes it while this one calls Cognito outside any transaction.
     */
    @Transactional
    public List<Claim> claimDue(int limit, Duration staleAfter, Duration lease) {
        Instant now = clock.instant();
        List<ProvisioningRequest> due = requests.lockDue(now, now.minus(staleAfter), limit);
        due.forEach(request -> request.claimed(now.plus(lease)));
        requests.flush();
        return due.stream().map(Claim::of).toList();
    }

    /**
     * Takes one request for an admin's repair, due or not, and whether or not the reconciler gave
     * up on it.
     *
     * @return the claim, or empty when no unfinished request has this id
     */
    @Transactional
    public Optional<Claim> claimForRepair(UUID requestId, Duration lease) {
        Optional<ProvisioningRequest> found = requests.lockById(requestId).filter(r -> !r.isFinal());
        found.ifPresent(request -> {
            request.retryRequested();
            request.claimed(clock.instant().plus(lease));
        });
        requests.flush();
        return found.map(Claim::of);
    }

    /**
     * Locks a claimed request again to act on what the reconciler learned from Cognito.
     *
     * @throws ProvisioningTakenOverException the request changed since it was claimed (the saga
     *                                        moved on, or another instance re-claimed it)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ProvisioningRequest lockClaimed(Claim claim) {
        ProvisioningRequest request = lock(claim.id());
        if (!claim.version().equals(request.getVersion())) {
            throw new ProvisioningTakenOverException(request);
        }
        return request;
    }

    /** Ends a claimed request {@code FAILED} (nothing was created anywhere). */
    @Transactional
    public void failClaimed(Claim claim, String failureType, String error) {
        lockClaimed(claim).failed(failureType, error, clock.instant());
    }

    /**
     * Ends a claimed {@code STARTED} request {@code FAILED} because its Cognito user was absent, and
     * has the reconciler look for a late one once more at {@code verifyAt}.
     */
    @Transactional
    public void failClaimedPendingVerification(Claim claim, String failureType, String error, Instant verifyAt) {
        lockClaimed(claim).failedPendingVerification(failureType, error, verifyAt, clock.instant());
    }

    /** The second look at a failed request found no late Cognito user. */
    @Transactional
    public void verifiedClaimed(Claim claim) {
        lockClaimed(claim).verified();
    }

    /** The second look found a late Cognito user: back to {@code COMPENSATING} to delete it. */
    @Transactional
    public void reopenClaimed(Claim claim, String cognitoUsername, String error) {
        reopen(lockClaimed(claim), cognitoUsername, error, true);
    }

    /** Ends a claimed request {@code ROLLED_BACK} (its Cognito user is gone, no records exist). */
    @Transactional
    public void rollBackClaimed(Claim claim, String failureType) {
        lockClaimed(claim).rolledBack(failureType, clock.instant());
    }

    /** Schedules the claimed request's next attempt after a failed one. */
    @Transactional
    public void retryClaimedAt(Claim claim, Instant nextAttempt, String error) {
        lockClaimed(claim).retryAt(nextAttempt, error);
    }

    /** Stops retrying the claimed request and flags it for an admin. */
    @Transactional
    public void giveUpOnClaimed(Claim claim, String error) {
        lockClaimed(claim).gaveUp(error, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ProvisioningRequest> stuck(Instant stuckBefore, int limit) {
        return requests.findStuck(ProvisioningRequests.UNFINISHED, stuckBefore, PageRequest.of(0, limit));
    }

    /** The unfinished requests for any of these emails or Cognito usernames. */
    @Transactional(readOnly = true)
    public List<ProvisioningRequest> unfinishedFor(Collection<String> emails, Collection<String> usernames) {
        if (emails.isEmpty() && usernames.isEmpty()) {
            return List.of();
        }
        // An empty IN list is not portable SQL; a value no row holds stands in for it.
        return requests.findUnfinishedFor(ProvisioningRequests.UNFINISHED,
                emails.isEmpty() ? List.of("") : emails, usernames.isEmpty() ? List.of("") : usernames);
    }

    /** Back to COMPENSATING; holds the email again only when no newer unfinished request holds it. */
    private void reopen(ProvisioningRequest request, String cognitoUsername, String error, boolean reserveEmail) {
        boolean emailFree = reserveEmail && unfinishedFor(List.of(request.getEmail()), List.of()).isEmpty();
        request.reopenedForCompensation(cognitoUsername, error, emailFree, clock.instant());
        requests.flush();
    }

    private ProvisioningRequest lock(UUID requestId) {
        return requests.lockById(requestId)
                .orElseThrow(() -> new IllegalStateException("No provisioning request " + requestId));
    }

    /**
     * What the reconciler knows about a request it took: enough to ask Cognito, and the row
     * version that tells it, when it comes back, whether anybody moved the request meanwhile.
     */
    record Claim(UUID id, String email, ProvisioningState state, String cognitoUsername, UUID requestedBy,
            Instant createdAt, int attempts, Long version) {

        static Claim of(ProvisioningRequest request) {
            return new Claim(request.getId(), request.getEmail(), request.getState(), request.getCognitoUsername(),
                    request.getRequestedBy(), request.getCreatedAt(), request.getAttempts(), request.getVersion());
        }
    }
}
