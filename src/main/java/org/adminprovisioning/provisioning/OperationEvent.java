package org.adminprovisioning.provisioning;

/** What can happen to a journaled operation; {@link StateTable} says where each leads from where. */
enum OperationEvent {
    /** Cognito's part succeeded. */
    COGNITO_DONE,
    /** Our part succeeded after Cognito's: both systems hold the change. */
    COMPLETE,
    /** Cognito refused, or never made the change; nothing to undo. */
    FAIL,
    /** Nothing was found to have happened, but a late Cognito call may still land: look once more later. */
    FAIL_AND_LOOK_AGAIN,
    /** The second look found nothing: the failure is final. */
    NOTHING_LANDED,
    /** A Cognito change landed after the operation failed: it must be undone after all. */
    LATE_CHANGE_FOUND,
    /** Our part failed after Cognito's: Cognito's part is to be undone. */
    COMPENSATE,
    /** Cognito's part is undone (or was never there): nothing changed. */
    ROLL_BACK
}
