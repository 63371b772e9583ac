package org.adminprovisioning.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One thing that happened to an admin account: who did what to whom, and how it ended. Never a secret. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    private UUID id;

    @Column(nullable = false)
    private Instant at;

    private String actor;

    @Column(nullable = false)
    private String action;

    private String target;

    @Column(nullable = false)
    private String outcome;

    private String detail;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant at, String actor, String action, String target, String outcome, String detail) {
        this.id = UUID.randomUUID();
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    public UUID getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}
