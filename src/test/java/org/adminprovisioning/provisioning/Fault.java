package org.adminprovisioning.provisioning;

/** What can go wrong at a {@link Step}. */
enum Fault {
    /** The call fails before it has any effect (Cognito 5xx/timeout, database error). */
    FAIL,
    /** The call takes effect, then the answer is lost (timeout after success, commit then connection drop). */
    LOST_RESPONSE,
    /**
     * The call stalls past the stale threshold (a long GC pause, a stuck socket) and another
     * instance's reconciler runs meanwhile; then the call goes through.
     */
    HANG,
    /** The process dies just before the call. */
    CRASH_BEFORE,
    /** The process dies just after the call took effect. */
    CRASH_AFTER,
    /** createAdminUser only: the call times out, and lands in Cognito after the saga's look-up found nothing. */
    LATE,
    /** createAdminUser only: the create lands, the answer is lost, the SDK's retry gets UsernameExistsException. */
    DUPLICATE,
    /** createAdminUser only: Cognito refuses the invitation (InvalidParameterException). */
    REFUSED;

    static final Fault[] GENERIC = {FAIL, LOST_RESPONSE, HANG, CRASH_BEFORE, CRASH_AFTER};
    static final Fault[] CREATE = {FAIL, LOST_RESPONSE, HANG, CRASH_BEFORE, CRASH_AFTER, LATE, DUPLICATE, REFUSED};
    static final Fault[] READ = {FAIL, HANG, CRASH_BEFORE};
}
