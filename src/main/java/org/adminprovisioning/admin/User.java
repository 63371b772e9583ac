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

    @Column(nullable = false)
    private String email;

    @Column(name = "cognito_username", nullable = false)
    private String cognitoUsername;

    /** The email while the admin is not offboarded, null after: the unique key a new admin may reuse. */
    @Column(name = "live_email", unique = true)
    private String liveEmail;

    /** The Cognito username while the admin is not offboarded, null after. */
    @Column(name = "live_cognito_username", unique = true)
    private String liveCognitoUsername;

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
        this.liveEmail = this.email;
        this.liveCognitoUsername = cognitoUsername;
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
            moveTo(AdminStatus.ACTIVE, now);
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

    /** Can no longer act or sign in; keeps its history. Idempotent. */
    void disable(Instant now) {
        if (status == AdminStatus.INVITED || status == AdminStatus.ACTIVE) {
            moveTo(AdminStatus.DISABLED, now);
        }
    }

    /** Back from DISABLED: ACTIVE when it ever signed in, INVITED while its invitation is pending. */
    void enable(boolean everSignedIn, Instant now) {
        if (status == AdminStatus.DISABLED) {
            moveTo(everSignedIn ? AdminStatus.ACTIVE : AdminStatus.INVITED, now);
        }
    }

    /** Gone for good: the row stays for the audit trail and invited_by links; email and username are free. */
    void offboard(Instant now) {
        if (status != AdminStatus.OFFBOARDED) {
            moveTo(AdminStatus.OFFBOARDED, now);
            liveEmail = null;
            liveCognitoUsername = null;
        }
    }

    private void moveTo(AdminStatus next, Instant now) {
        status = next;
        updatedAt = now;
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
