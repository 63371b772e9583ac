package org.adminprovisioning.provisioning;

/**
 * A journal transition found the entry in a state it does not move from there: while this caller
 * was slow (paused, or stuck on a call past the stale threshold), the reconciler or another
 * instance finished or took the operation over. Carries what the entry looks like now, so the
 * caller answers with that instead of acting on stale knowledge.
 */
class TakenOver extends RuntimeException {

    private final OperationState state;
    private final String responseBody;
    private final FailureReason reason;

    TakenOver(JournalEntry entry) {
        super(entry.getOperation() + " " + entry.getId() + " is " + entry.getState() + " already", null, false, false);
        this.state = entry.getState();
        this.responseBody = entry.getResponseBody();
        this.reason = entry.getFailureReason();
    }

    OperationState state() {
        return state;
    }

    /** The completed operation's answer, when {@link #state()} is {@code COMPLETED}. */
    String responseBody() {
        return responseBody;
    }

    FailureReason reason() {
        return reason;
    }
}
