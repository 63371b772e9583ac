package org.adminprovisioning.audit;

import java.time.Instant;

import org.springframework.data.jpa.domain.Specification;

/**
 * Which audit events to read; every criterion is optional.
 *
 * @param actor  who acted (an admin's email, {@code reconciler}, {@code bootstrap}, …)
 * @param target whom or what it was done to (usually an admin's email)
 * @param action one of {@link AuditTrail.Action}'s names
 * @param from   at or after this moment
 * @param to     before this moment
 */
public record AuditQuery(String actor, String target, String action, Instant from, Instant to) {

    /** All events about one target. */
    public static AuditQuery about(String target) {
        return new AuditQuery(null, target, null, null, null);
    }

    Specification<AuditEvent> toSpecification() {
        return (event, query, criteria) -> {
            var conditions = new java.util.ArrayList<jakarta.persistence.criteria.Predicate>();
            if (actor != null) {
                conditions.add(criteria.equal(event.get("actor"), actor));
            }
            if (target != null) {
                conditions.add(criteria.equal(event.get("target"), target));
            }
            if (action != null) {
                conditions.add(criteria.equal(event.get("action"), action));
            }
            if (from != null) {
                conditions.add(criteria.greaterThanOrEqualTo(event.get("at"), from));
            }
            if (to != null) {
                conditions.add(criteria.lessThan(event.get("at"), to));
            }
            return criteria.and(conditions.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }
}
