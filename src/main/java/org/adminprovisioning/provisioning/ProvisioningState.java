package org.adminprovisioning.provisioning;

/**
 * Where a provisioning request is in the saga (DESIGN §4).
 * <pre>
 * STARTED ──createAdminUser──▶ COGNITO_CREATED ──records──▶ COMPLETED
 *    │                              │
 *    └─refused / absent──▶ FAILED   └─records fail──▶ COMPENSATING ──AdminDeleteUser──▶ ROLLED_BACK
 * </pre>
 */
public enum ProvisioningState {
    /** Journaled; Cognito may or may not have been called yet. */
    STARTED(false),
    /** The Cognito user exists and is in the admin group; the database records are not written yet. */
    COGNITO_CREATED(false),
    /** Both systems hold the admin. */
    COMPLETED(true),
    /** Cognito refused or never created the user; nothing exists anywhere. */
    FAILED(true),
    /** The Cognito user must be deleted; a first attempt failed and the reconciler keeps trying. */
    COMPENSATING(false),
    /** The Cognito user was deleted after the database write failed; nothing exists anywhere. */
    ROLLED_BACK(true);

    private final boolean fin;

    ProvisioningState(boolean fin) {
        this.fin = fin;
    }

    public boolean isFinal() {
        return fin;
    }
}
