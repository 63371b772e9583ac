package org.adminprovisioning.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The admin side of a {@link User}: who invited it, when, and when it first signed in. */
@Entity
@Table(name = "admin_info")
public class AdminInfo {

    @Id
    private UUID id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, unique = true)
    private User user;

    /** Null for the bootstrap admin, which nobody invited. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "invited_by")
    private User invitedBy;

    @Column(name = "invited_at", nullable = false)
    private Instant invitedAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "last_invite_sent_at")
    private Instant lastInviteSentAt;

    @Column(name = "invite_count", nullable = false)
    private int inviteCount;

    /** Two counts of a resend at once (an operation and the reconciler) must not both read the same count. */
    @Version
    private Long version;

    protected AdminInfo() {
        // for JPA
    }

    private AdminInfo(User user, User invitedBy, Instant invitedAt) {
        this.id = UUID.randomUUID();
        this.user = user;
        this.invitedBy = invitedBy;
        this.invitedAt = invitedAt;
    }

    /** The admin record of a freshly invited admin: Cognito has just sent the first invitation. */
    public static AdminInfo invited(User user, User invitedBy, Instant now) {
        AdminInfo info = new AdminInfo(user, invitedBy, now);
        info.lastInviteSentAt = now;
        info.inviteCount = 1;
        return info;
    }

    /** The admin record of an admin that is active from the start (bootstrap, adoption). */
    public static AdminInfo activeFromStart(User user, Instant now) {
        AdminInfo info = new AdminInfo(user, null, now);
        info.activatedAt = now;
        return info;
    }

    void recordInviteResent(Instant now) {
        lastInviteSentAt = now;
        inviteCount++;
    }

    void activate(Instant now) {
        user.activate(now);
        if (activatedAt == null) {
            activatedAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public User getInvitedBy() {
        return invitedBy;
    }

    public Instant getInvitedAt() {
        return invitedAt;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public Instant getLastInviteSentAt() {
        return lastInviteSentAt;
    }

    public int getInviteCount() {
        return inviteCount;
    }
}
