package org.adminprovisioning.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.EmailAddress;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A {@link ProvisioningJournal} that fires the {@link FaultPlan}'s faults around the real (and
 * transactional) one. Every public method is overridden: the inherited fields are unused.
 */
final class FaultInjectingJournal extends ProvisioningJournal {

    private final FaultPlan faults;
    private final ProvisioningJournal delegate;

    FaultInjectingJournal(FaultPlan faults, ProvisioningJournal delegate) {
        super(null, null, null);
        this.faults = faults;
        this.delegate = delegate;
    }

    private static DataAccessResourceFailureException databaseDown(Step step) {
        return new DataAccessResourceFailureException("injected: database failure at " + step);
    }

    private <T> T at(Step step, java.util.function.Supplier<T> call) {
        return faults.intercept(step, call, () -> databaseDown(step));
    }

    private void at(Step step, Runnable call) {
        faults.intercept(step, () -> {
            call.run();
            return null;
        }, () -> databaseDown(step));
    }

    @Override
    public ProvisioningRequest start(EmailAddress email, UUID requestedBy, String idempotencyKey, String requestHash) {
        return at(Step.JOURNAL_START, () -> delegate.start(email, requestedBy, idempotencyKey, requestHash));
    }

    @Override
    public void markCognitoCreated(UUID requestId, String cognitoUsername) {
        at(Step.JOURNAL_COGNITO_CREATED, () -> delegate.markCognitoCreated(requestId, cognitoUsername));
    }

    @Override
    public void lockForCompletion(UUID requestId) {
        at(Step.LOCK_FOR_COMPLETION, () -> delegate.lockForCompletion(requestId));
    }

    @Override
    public void markCompleted(UUID requestId, String responseBody) {
        at(Step.JOURNAL_COMPLETED, () -> delegate.markCompleted(requestId, responseBody));
    }

    @Override
    public void markFailed(UUID requestId, String failureType, String error) {
        at(Step.JOURNAL_FAILED, () -> delegate.markFailed(requestId, failureType, error));
    }

    @Override
    public void markCompensating(UUID requestId, String error) {
        at(Step.JOURNAL_COMPENSATING, () -> delegate.markCompensating(requestId, error));
    }

    @Override
    public void markRolledBack(UUID requestId, String failureType) {
        at(Step.JOURNAL_ROLLED_BACK, () -> delegate.markRolledBack(requestId, failureType));
    }

    @Override
    public void recordError(UUID requestId, String error) {
        at(Step.JOURNAL_HAND_OVER, () -> delegate.recordError(requestId, error));
    }

    @Override
    public void reopenForCompensation(UUID requestId, String cognitoUsername, String error, boolean reserveEmail) {
        at(Step.JOURNAL_REOPEN, () -> delegate.reopenForCompensation(requestId, cognitoUsername, error, reserveEmail));
    }

    @Override
    public Optional<ProvisioningRequest> findByIdempotencyKey(String idempotencyKey) {
        return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Claim> claimDue(int limit, Duration staleAfter, Duration lease) {
        return at(Step.RECONCILER_CLAIM, () -> delegate.claimDue(limit, staleAfter, lease));
    }

    @Override
    public Optional<Claim> claimForRepair(UUID requestId, Duration lease) {
        return at(Step.RECONCILER_CLAIM, () -> delegate.claimForRepair(requestId, lease));
    }

    @Override
    public ProvisioningRequest lockClaimed(Claim claim) {
        return at(Step.RECONCILER_LOCK, () -> delegate.lockClaimed(claim));
    }

    @Override
    public void failClaimed(Claim claim, String failureType, String error) {
        at(Step.RECONCILER_END, () -> delegate.failClaimed(claim, failureType, error));
    }

    @Override
    public void failClaimedPendingVerification(Claim claim, String failureType, String error, Instant verifyAt) {
        at(Step.RECONCILER_END, () -> delegate.failClaimedPendingVerification(claim, failureType, error, verifyAt));
    }

    @Override
    public void verifiedClaimed(Claim claim) {
        at(Step.RECONCILER_END, () -> delegate.verifiedClaimed(claim));
    }

    @Override
    public void reopenClaimed(Claim claim, String cognitoUsername, String error) {
        at(Step.JOURNAL_REOPEN, () -> delegate.reopenClaimed(claim, cognitoUsername, error));
    }

    @Override
    public void rollBackClaimed(Claim claim, String failureType) {
        at(Step.RECONCILER_END, () -> delegate.rollBackClaimed(claim, failureType));
    }

    @Override
    public void retryClaimedAt(Claim claim, Instant nextAttempt, String error) {
        at(Step.RECONCILER_END, () -> delegate.retryClaimedAt(claim, nextAttempt, error));
    }

    @Override
    public void giveUpOnClaimed(Claim claim, String error) {
        at(Step.RECONCILER_END, () -> delegate.giveUpOnClaimed(claim, error));
    }

    @Override
    public List<ProvisioningRequest> stuck(Instant stuckBefore, int limit) {
        return delegate.stuck(stuckBefore, limit);
    }

    @Override
    public List<ProvisioningRequest> unfinishedFor(Collection<String> emails, Collection<String> usernames) {
        return delegate.unfinishedFor(emails, usernames);
    }
}
