package org.adminprovisioning.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** The audit trail, append-only. */
public interface AuditEvents extends JpaRepository<AuditEvent, UUID> {

    long countByTargetAndActionAndOutcomeAndAtAfter(String target, String action, String outcome, Instant after);

    List<AuditEvent> findByTargetOrderByAtAsc(String target);
}
