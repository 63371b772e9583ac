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

/**
 * One journaled operation on an admin. Written before any external call; the operation and the
 * reconciler move it through {@link StateTable}, and nothing else changes its state.
 */
@Entity
@Table(name = "admin_operations")
class JournalEntry {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Operation operation;

    @Column(nullable = false)
    private String email;

    /** The email while the operation holds its admin, null otherwise: the unique key that lets one change in at a time. */
    @Column(name = "active_email", unique = true)
    private String activeEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OperationState state;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "requested_by")
    private UUID requestedBy;

    @Column(name = "admin_id")
    private UUID adminId;

    /** Journaled as soon as it is known; every later look-up and undo goes by it. */
    @Column(name = "cognito_username")
    private String cognitoUsername;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    /** The {@link FailureReason} code the operation ended with, so that a replay answers the same. */
    @Column(name = "failure_type")
    private String failureType;

    /** The admin as answered (no secrets), for idempotent replays. */
    @Column(name = "response_body")
    private String responseBody;

    /**
     * When the reconciler may look next: null while a live instance may still be working on it (the
     * reconciler then waits until it is stale), otherwise a lease, a backoff, or the second look.
     */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** When the reconciler gave up retrying; the entry then waits for an admin's repair. */
    @Column(name = "needs_attention_since")
    private Instant needsAttentionSince;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected JournalEntry() {
        // for JPA
    }

    JournalEntry(Operation operation, Subject subject, Request request, boolean holdsTheAdmin, Instant now) {
        this.id = UUID.randomUUID();
        this.operation = operation;
        this.email = subject.email();
        this.adminId = subject.adminId();
        this.cognitoUsername = subject.cognitoUsername();
        this.activeEmail = holdsTheAdmin ? subject.email() : null;
        this.state = OperationState.STARTED;
        this.requestedBy = request.requestedBy();
        this.idempotencyKey = request.idempotencyKey();
        this.requestHash = request.requestHash();
        this.attempts = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What the operation changes: the admin's email, and its id and Cognito username once known. */
    record Subject(String email, UUID adminId, String cognitoUsername) {
    }

    /** Who asked, with which key: an admin's key replays its own requests only. */
    record Request(UUID requestedBy, String idempotencyKey, String requestHash) {
    }

    /**
     * Moves along the {@link StateTable}.
     *
     * @throws TakenOver the event does not apply in the current state: someone else moved it on
     */
    private void apply(OperationEvent event, Instant now) {
        OperationState next = StateTable.next(state, event).orElseThrow(() -> new TakenOver(this));
        state = next;
        updatedAt = now;
        if (!next.holdsTheAdmin()) {
            // Frees the admin for the next change; the unique constraint only guards unfinished ones.
            activeEmail = null;
            needsAttentionSince = null;
            if (!next.watched()) {
                nextAttemptAt = null;
            }
        }
    }

    /** The answer is known before the operation ends: our part committed with this entry. */
    void answered(String responseBody) {
        this.responseBody = responseBody;
    }

    void cognitoDone(String username, Instant now) {
        apply(OperationEvent.COGNITO_DONE, now);
        this.cognitoUsername = username;
    }

    void completed(String responseBody, UUID adminId, Instant now) {
        apply(OperationEvent.COMPLETE, now);
        this.responseBody = responseBody;
        this.adminId = adminId;
        this.lastError = null;
    }

    /** Keeps the first failure: a late repeat of FAIL changes nothing. */
    void failed(FailureReason reason, String error, Instant now) {
        boolean first = failureType == null;
        apply(OperationEvent.FAIL, now);
        if (first) {
            this.failureType = reason.code();
            this.lastError = truncate(error);
        }
    }

    /** Failed as far as anyone can tell; the reconciler looks once more at {@code lookAt}. */
    void failedPendingSecondLook(FailureReason reason, String error, Instant lookAt, Instant now) {
        apply(OperationEvent.FAIL_AND_LOOK_AGAIN, now);
        this.failureType = reason.code();
        this.lastError = truncate(error);
        this.nextAttemptAt = lookAt;
    }

    /** The second look found nothing late: the failure is final. */
    void nothingLanded(Instant now) {
        apply(OperationEvent.NOTHING_LANDED, now);
    }

    void compensating(String error, Instant now) {
        apply(OperationEvent.COMPENSATE, now);
        this.lastError = truncate(error);
    }

    /**
     * A change landed in Cognito after the operation had failed: undo it after all.
     *
     * @param holdTheAdmin whether to hold the admin again while undoing; false when a newer
     *                     operation holds it already
     */
    void lateChangeFound(String username, String error, boolean holdTheAdmin, Instant now) {
        apply(OperationEvent.LATE_CHANGE_FOUND, now);
        this.cognitoUsername = username;
        this.lastError = truncate(error);
        this.activeEmail = holdTheAdmin ? email : null;
        this.nextAttemptAt = null;
    }

    void rolledBack(FailureReason reason, Instant now) {
        apply(OperationEvent.ROLL_BACK, now);
        if (failureType == null) {
            this.failureType = reason.code();
        }
    }

    /** @throws TakenOver the operation ended meanwhile: a stalled caller's error does not belong on it */
    void errorRecorded(String error, Instant now) {
        if (!state.watched()) {
            throw new TakenOver(this);
        }
        this.lastError = truncate(error);
        this.updatedAt = now;
    }

    /** The reconciler took the entry: one more attempt, and a lease that keeps other instances away. */
    void claimed(Instant leaseUntil) {
        this.attempts++;
        this.nextAttemptAt = leaseUntil;
    }

    /** The reconciler's attempt failed; it tries again at {@code nextAttempt}. */
    void retryAt(Instant nextAttempt, String error) {
        this.lastError = truncate(error);
        this.nextAttemptAt = nextAttempt;
    }

    /** The reconciler stops retrying; an admin must look (stuck requests, repair). */
    void gaveUp(String error, Instant now) {
        this.lastError = truncate(error);
        this.nextAttemptAt = null;
        this.needsAttentionSince = now;
    }

    /** An admin asked for another try (repair): the give-up flag goes, the attempts count on. */
    void retryRequested() {
        this.needsAttentionSince = null;
    }

    /** An expired idempotency key no longer names this entry; a new request may use it. */
    void forgetIdempotencyKey() {
        this.idempotencyKey = null;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    UUID getId() {
        return id;
    }

    Operation getOperation() {
        return operation;
    }

    String getEmail() {
        return email;
    }

    String getActiveEmail() {
        return activeEmail;
    }

    OperationState getState() {
        return state;
    }

    String getIdempotencyKey() {
        return idempotencyKey;
    }

    String getRequestHash() {
        return requestHash;
    }

    UUID getRequestedBy() {
        return requestedBy;
    }

    UUID getAdminId() {
        return adminId;
    }

    String getCognitoUsername() {
        return cognitoUsername;
    }

    int getAttempts() {
        return attempts;
    }

    String getLastError() {
        return lastError;
    }

    FailureReason getFailureReason() {
        return failureType == null ? null : FailureReason.fromCode(failureType);
    }

    String getResponseBody() {
        return responseBody;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    Instant getNeedsAttentionSince() {
        return needsAttentionSince;
    }

    Long getVersion() {
        return version;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
