package org.adminprovisioning.audit;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events. Joins the caller's transaction when there is one (a success is audited
 * atomically with what it audits), and runs in its own otherwise (failures are audited after the
 * failed transaction has rolled back).
 */
@Component
public class AuditTrail {

    /** What can happen to an admin account. */
    public enum Action {
        PROVISION_ADMIN, COMPENSATE, RESEND_INVITE, FIRST_LOGIN, BOOTSTRAP_ADMIN,
        /** The reconciler finished (or gave up on) a request a crash or a timeout left unfinished. */
        RECONCILE,
        /** An admin repaired one entry of the drift report on purpose. */
        REPAIR,
        /** A sign-in on {@code /auth/*} (audited when it fails, with actor {@code anonymous} and the client's address). */
        SIGN_IN,
        /** An admin's record, created without the Cognito {@code sub}, was bound to the {@code sub} of its first token. */
        BIND_SUB
    }

    /** How it ended. */
    public enum Outcome {
        SUCCEEDED, REFUSED, FAILED, ROLLED_BACK
    }

    private final AuditEvents events;
    private final Clock clock;

    public AuditTrail(AuditEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void record(String actor, Action action, String target, Outcome outcome, String detail) {
        events.save(new AuditEvent(clock.instant(), actor, action.name(), target, outcome.name(), detail));
    }

    /** How many times the action ended with the outcome for the target within the last window. */
    @Transactional(readOnly = true)
    public long count(String target, Action action, Outcome outcome, Duration window) {
        return events.countByTargetAndActionAndOutcomeAndAtAfter(target, action.name(), outcome.name(),
                clock.instant().minus(window));
    }
}
