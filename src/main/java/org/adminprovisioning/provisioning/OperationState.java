package org.adminprovisioning.provisioning;

/**
 * Where a journaled operation is. Which transitions exist is {@link StateTable}'s to say.
 */
public enum OperationState {
    /**
     * Journaled. For operations that start in Cognito (provision, resend, enable) Cognito may or may
     * not have been called yet; for those that start in our database (disable, offboard) the
     * database change committed with this row and Cognito's part is pending.
     */
    STARTED(true, true),
    /** Cognito's part is done (for a provision: the user exists and its username is journaled); ours is pending. */
    COGNITO_DONE(true, true),
    /** Both systems hold the change. */
    COMPLETED(false, false),
    /** Ended without the change: Cognito refused it, or never made it. */
    FAILED(false, false),
    /**
     * Ended without the change as far as anyone can tell, and answered so, but a Cognito call sent by
     * a stalled instance could still land: the reconciler looks once more before the end is final.
     */
    VERIFYING(false, true),
    /** Cognito's part must be undone; the first attempt failed and the reconciler keeps trying. */
    COMPENSATING(true, true),
    /** Cognito's part was undone after ours failed: nothing changed. */
    ROLLED_BACK(false, false);

    private final boolean holdsTheAdmin;
    private final boolean watched;

    OperationState(boolean holdsTheAdmin, boolean watched) {
        this.holdsTheAdmin = holdsTheAdmin;
        this.watched = watched;
    }

    /** Unfinished: the operation still holds its admin (no other change to it may start). */
    public boolean holdsTheAdmin() {
        return holdsTheAdmin;
    }

    /** The reconciler still has work here (unfinished, or verifying). */
    public boolean watched() {
        return watched;
    }
}
