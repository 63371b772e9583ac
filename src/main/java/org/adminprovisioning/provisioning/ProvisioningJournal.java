package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.Users;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's state transitions, each in a short transaction of its own (or the caller's, for
 * {@link #markCompleted}, which must commit with the admin records).
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
        return requests.saveAndFlush(
                new ProvisioningRequest(email.value(), requestedBy, idempotencyKey, requestHash, clock.instant()));
    }

    @Transactional
    public void markCognitoCreated(UUID requestId, String cognitoUsername) {
        load(requestId).cognitoCreated(cognitoUsername, clock.instant());
    }

    /** Joins the caller's transaction: Tx B commits the admin records and this together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markCompleted(UUID requestId, String responseBody) {
        load(requestId).completed(responseBody, clock.instant());
    }

    @Transactional
    public void markFailed(UUID requestId, String failureType, String error) {
        load(requestId).failed(failureType, error, clock.instant());
    }

    @Transactional
    public void markCompensating(UUID requestId, String error) {
        load(requestId).compensating(error, clock.instant());
    }

    @Transactional
    public void markRolledBack(UUID requestId, String failureType) {
        load(requestId).rolledBack(failureType, clock.instant());
    }

    @Transactional
    public void recordError(UUID requestId, String error) {
        load(requestId).errorRecorded(error, clock.instant());
    }

    @Transactional(readOnly = true)
    public Optional<ProvisioningRequest> findByIdempotencyKey(String idempotencyKey) {
        return requests.findByIdempotencyKey(idempotencyKey);
    }

    private ProvisioningRequest load(UUID requestId) {
        return requests.findById(requestId)
                .orElseThrow(() -> new IllegalStateException("No provisioning request " + requestId));
    }
}
