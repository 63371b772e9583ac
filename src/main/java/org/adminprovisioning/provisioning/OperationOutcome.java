package org.adminprovisioning.provisioning;

import org.adminprovisioning.admin.AdminResponse;

/**
 * How a successful operation ended, as a value: the answer is in the admin, the kind says how
 * much of it is done. Failures are {@link OperationFailedException}s.
 */
public sealed interface OperationOutcome {

    /** The admin as it is now. */
    AdminResponse admin();

    /** Both systems hold the change. */
    record Done(AdminResponse admin) implements OperationOutcome {
    }

    /** Nothing needed changing: the admin was in the asked-for state already. */
    record Unchanged(AdminResponse admin) implements OperationOutcome {
    }

    /**
     * Our database holds the change (a disabled admin's token is refused already); Cognito's part is
     * left to the reconciler, which finishes it within minutes.
     */
    record Pending(AdminResponse admin) implements OperationOutcome {
    }
}
