package org.adminprovisioning.provisioning;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One journaled attempt to provision an admin; the saga and the reconciler move it between states. */
@Entity
@Table(name = "provisioning_requests")
public class ProvisioningRequest {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    /** The email while the request is unfinished, null once final: the unique key that stops twins. */
    @Column(name = "active_email", unique = true)
    private String activeEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProvisioningState state;

    @Column(name = "idempotency_key", unique = true)
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "requested_by")
    private UUID requestedBy;

    @Column(name = "cognito_username")
    private String cognitoUsername;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    /** The problem slug a failed request answered with, so that a replay answers the same. */
    @Column(name = "failure_type")
    private String failureType;

    /** The JSON body a completed request answered with (no secrets), for idempotent replays. */
    @Column(name = "response_body")
    private String responseBody;

    /**
     * When the reconciler may look at the request next: null while the saga may still be running it
     * (the reconciler then waits until the request is stale), otherwise a lease or a backoff.
     */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** When the reconciler gave up retrying; the request then waits for an admin's repair. */
    @Column(name = "needs_attention_since")
    private Instant needsAttentionSince;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected ProvisioningRequest() {
        // for JPA
    }

    ProvisioningRequest(String email, UUID requestedBy, String idempotencyKey, String requestHash, Instant now) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.activeEmail = email;
        this.state = ProvisioningState.STARTED;
        this.requestedBy = requestedBy;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.attempts = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void cognitoCreated(String username, Instant now) {
        expect(ProvisioningState.STARTED);
        this.cognitoUsername = username;
        moveTo(ProvisioningState.COGNITO_CREATED, now);
    }

    /** Only the saga's step 5 or the reconciler's roll forward complete a request, both before any other end. */
    void completed(String responseBody, Instant now) {
        expect(ProvisioningState.STARTED, ProvisioningState.COGNITO_CREATED);
        this.responseBody = responseBody;
        this.lastError = null;
        moveTo(ProvisioningState.COMPLETED, now);
    }

    void failed(String failureType, String error, Instant now) {
        if (state == ProvisioningState.FAILED) {
            return;
        }
        expect(ProvisioningState.STARTED);
        this.failureType = failureType;
        this.lastError = truncate(error);
        moveTo(ProvisioningState.FAILED, now);
    }

    /** A request the reconciler completed meanwhile must not be compensated: that would delete a live admin. */
    void compensating(String error, Instant now) {
        if (state != ProvisioningState.COMPENSATING) {
            expect(ProvisioningState.STARTED, ProvisioningState.COGNITO_CREATED);
        }
        this.lastError = truncate(error);
        moveTo(ProvisioningState.COMPENSATING, now);
    }

    void rolledBack(String failureType, Instant now) {
        if (state == ProvisioningState.ROLLED_BACK) {
            return;
        }
        expect(ProvisioningState.STARTED, ProvisioningState.COGNITO_CREATED, ProvisioningState.COMPENSATING);
        this.failureType = failureType;
        moveTo(ProvisioningState.ROLLED_BACK, now);
    }

    /**
     * The reconciler found no Cognito user and failed the request. A create that an instance sent
     * before it stalled (a long pause) could still land, so the reconciler looks once more at
     * {@code verifyAt}; the request is final for everybody else.
     */
    void failedPendingVerification(String failureType, String error, Instant verifyAt, Instant now) {
        failed(failureType, error, now);
        this.nextAttemptAt = verifyAt;
    }

    /** The reconciler's second look found nothing either: the request is settled. */
    void verified() {
        expect(ProvisioningState.FAILED);
        this.nextAttemptAt = null;
    }

    /**
     * The reconciler found no Cognito user and failed the request, but the saga's create landed
     * afterwards (a process paused past the stale threshold): the user must be deleted after all.
     *
     * @param reserveEmail whether to hold the email again while compensating; false when a newer
     *                     request holds it already
     */
    void reopenedForCompensation(String username, String error, boolean reserveEmail, Instant now) {
        expect(ProvisioningState.FAILED);
        this.cognitoUsername = username;
        this.lastError = truncate(error);
        this.activeEmail = reserveEmail ? email : null;
        this.nextAttemptAt = null;
        this.needsAttentionSince = null;
        this.state = ProvisioningState.COMPENSATING;
        this.updatedAt = now;
    }

    void errorRecorded(String error, Instant now) {
        this.lastError = truncate(error);
        this.updatedAt = now;
    }

    /** The reconciler took the request: one more attempt, and a lease that keeps other instances away. */
    void claimed(Instant leaseUntil) {
        this.attempts++;
        this.nextAttemptAt = leaseUntil;
    }

    /** The reconciler's attempt failed; it tries again at {@code nextAttempt}. */
    void retryAt(Instant nextAttempt, String error) {
        this.lastError = truncate(error);
        this.nextAttemptAt = nextAttempt;
    }

    /** The reconciler stops retrying; an admin must look at the request (stuck requests, repair). */
    void gaveUp(String error, Instant now) {
        this.lastError = truncate(error);
        this.nextAttemptAt = null;
        this.needsAttentionSince = now;
    }

    /** An admin asked for another try (repair): the give-up flag goes, the attempts count on. */
    void retryRequested() {
        this.needsAttentionSince = null;
    }

    private void expect(ProvisioningState... allowed) {
        for (ProvisioningState candidate : allowed) {
            if (state == candidate) {
                return;
            }
        }
        throw new ProvisioningTakenOverException(this);
    }

    private void moveTo(ProvisioningState next, Instant now) {
        this.state = next;
        this.updatedAt = now;
        if (next.isFinal()) {
            // Frees the email for a later request; the unique constraint only guards unfinished ones.
            this.activeEmail = null;
            this.nextAttemptAt = null;
            this.needsAttentionSince = null;
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getActiveEmail() {
        return activeEmail;
    }

    public ProvisioningState getState() {
        return state;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public UUID getRequestedBy() {
        return requestedBy;
    }

    public String getCognitoUsername() {
        return cognitoUsername;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getLastError() {
        return lastError;
    }

    public String getFailureType() {
        return failureType;
    }

    public String getResponseBody() {
        return responseBody;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getNeedsAttentionSince() {
        return needsAttentionSince;
    }

    public boolean isFinal() {
        return state.isFinal();
    }

    public Long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
