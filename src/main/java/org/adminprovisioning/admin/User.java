package org.adminprovisioning.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person who can sign in, linked to its Cognito user by username and {@code sub}. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "cognito_username", nullable = false, unique = true)
    private String cognitoUsername;

    @Column(name = "cognito_sub")
    private String cognitoSub;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AdminStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected User() {
        // for JPA
    }

    private User(EmailAddress email, String cognitoUsername, String cognitoSub, AdminStatus status, Instant now) {
        this.id = UUID.randomUUID();
        this.email = email.value();
        this.cognitoUsername = cognitoUsername;
        this.cognitoSub = cognitoSub;
        this.role = Role.ADMIN;
        this.status = status;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An admin whose Cognito user waits for its first sign-in. */
    public static User invitedAdmin(EmailAddress email, String cognitoUsername, String cognitoSub, Instant now) {
        return new User(email, cognitoUsername, cognitoSub, AdminStatus.INVITED, now);
    }

    /** An admin whose Cognito user already has a permanent password (bootstrap, adoption). */
    public static User activeAdmin(EmailAddress email, String cognitoUsername, String cognitoSub, Instant now) {
        return new User(email, cognitoUsername, cognitoSub, AdminStatus.ACTIVE, now);
    }

    /** The first sign-in set a permanent password. Idempotent. */
    void activate(Instant now) {
        if (status == AdminStatus.INVITED) {
            status = AdminStatus.ACTIVE;
            updatedAt = now;
        }
    }

    /**
     * Binds a record made without the Cognito {@code sub} to the {@code sub} of its first token.
     * A recorded {@code sub} never changes.
     */
    void bindSub(String sub, Instant now) {
        if (cognitoSub == null) {
            cognitoSub = sub;
            updatedAt = now;
        }
    }

    /** An admin repaired the drift report's orphan: no Cognito user backs it, so it may not act. */
    void disable(Instant now) {
        if (status != AdminStatus.DISABLED) {
            status = AdminStatus.DISABLED;
            updatedAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getCognitoUsername() {
        return cognitoUsername;
    }

    public String getCognitoSub() {
        return cognitoSub;
    }

    public Role getRole() {
        return role;
    }

    public AdminStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
