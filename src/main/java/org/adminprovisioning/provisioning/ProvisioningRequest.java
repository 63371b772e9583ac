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

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

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
        this.cognitoUsername = username;
        moveTo(ProvisioningState.COGNITO_CREATED, now);
    }

    void completed(String responseBody, Instant now) {
        this.responseBody = responseBody;
        this.lastError = null;
        moveTo(ProvisioningState.COMPLETED, now);
    }

    void failed(String failureType, String error, Instant now) {
        this.failureType = failureType;
        this.lastError = truncate(error);
        moveTo(ProvisioningState.FAILED, now);
    }

    void compensating(String error, Instant now) {
        this.lastError = truncate(error);
        moveTo(ProvisioningState.COMPENSATING, now);
    }

    void rolledBack(String failureType, Instant now) {
        this.failureType = failureType;
        moveTo(ProvisioningState.ROLLED_BACK, now);
    }

    void errorRecorded(String error, Instant now) {
        this.lastError = truncate(error);
        this.updatedAt = now;
    }

    private void moveTo(ProvisioningState next, Instant now) {
        this.state = next;
        this.updatedAt = now;
        if (next.isFinal()) {
            // Frees the email for a later request; the unique constraint only guards unfinished ones.
            this.activeEmail = null;
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

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
