package org.adminprovisioning.audit;

import java.time.Instant;
import java.util.UUID;

/** One audit event as the API shows it. Never a secret: nothing that holds one is ever recorded. */
public record AuditEntry(UUID id, Instant at, String actor, String action, String target, String outcome,
        String detail) {

    static AuditEntry of(AuditEvent event) {
        return new AuditEntry(event.getId(), event.getAt(), event.getActor(), event.getAction(), event.getTarget(),
                event.getOutcome(), event.getDetail());
    }
}
