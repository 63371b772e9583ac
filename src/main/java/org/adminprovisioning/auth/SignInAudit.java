package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit of completed sign-in steps: who took which step, never a password, code, session or token.
 * Refused steps are audited by {@link SignInGuardFilter}, as actor {@code anonymous} with the client's
 * address. A failing audit write never fails the sign-in.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditTrail audit;

    SignInAudit(AuditTrail audit) {
        this.audit = audit;
    }

    void succeeded(Action action, String username, String detail) {
        record(username, action, Outcome.SUCCEEDED, detail);
    }

    void refused(Action action, String actor, String username, String detail) {
        write(actor, action, username, Outcome.REFUSED, detail);
    }

    void record(String username, Action action, Outcome outcome, String detail) {
        write(username, action, username, outcome, detail);
    }

    void write(String actor, Action action, String target, Outcome outcome, String detail) {
        try {
            audit.record(actor, action, target, outcome, detail);
        } catch (RuntimeException e) {
            log.warn("Could not audit {} of {}: {}", action, target, e.toString());
        }
    }
}
