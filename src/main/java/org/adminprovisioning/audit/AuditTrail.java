package org.adminprovisioning.audit;

import java.time.Clock;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
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
        PROVISION_ADMIN, COMPENSATE, RESEND_INVITE, FIRST_LOGIN, BOOTSTRAP_ADMIN, DISABLE_ADMIN, ENABLE_ADMIN,
        OFFBOARD_ADMIN,
        /** The reconciler finished (or gave up on) a request a crash or a timeout left unfinished. */
        RECONCILE,
        /** An admin repaired one entry of the drift report on purpose. */
        REPAIR,
        /** A password sign-in ({@code POST /auth/login}): tokens or the challenge that follows. */
        SIGN_IN,
        /** An authenticator app set up at sign-in ({@code MFA_SETUP}). */
        MFA_SETUP,
        /** A sign-in's authenticator-app code ({@code SOFTWARE_TOKEN_MFA}). */
        MFA_CHALLENGE,
        /** New tokens for a refresh token. */
        TOKEN_REFRESH,
        /** Someone asked for a password reset (answered alike whoever it was). */
        PASSWORD_RESET_REQUEST,
        /** A password reset with an emailed code. */
        PASSWORD_RESET,
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

    /** The events the query selects, newest first, one page at a time. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(AuditQuery query, Pageable page) {
        Pageable newestFirst = PageRequest.of(page.getPageNumber(), page.getPageSize(),
                Sort.by(Sort.Direction.DESC, "at").and(Sort.by("id")));
        return events.findAll(query.toSpecification(), newestFirst).map(AuditEntry::of);
    }
}
