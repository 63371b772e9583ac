package org.adminprovisioning.web;

import org.adminprovisioning.provisioning.FailureReason;

/** The engine's failure reasons, as the problem types the API promises. */
final class FailureReasons {

    private FailureReasons() {
    }

    static ProblemType problemTypeOf(FailureReason reason) {
        return switch (reason) {
            case ADMIN_EXISTS -> ProblemType.ADMIN_EXISTS;
            case INVALID_INVITE -> ProblemType.INVALID_INVITE;
            case COGNITO_UNAVAILABLE -> ProblemType.COGNITO_UNAVAILABLE;
            case ROLLED_BACK -> ProblemType.PROVISIONING_ROLLED_BACK;
            case INTERRUPTED -> ProblemType.PROVISIONING_INTERRUPTED;
            case ADMIN_NOT_FOUND -> ProblemType.ADMIN_NOT_FOUND;
            case ALREADY_ACTIVE -> ProblemType.ADMIN_ALREADY_ACTIVE;
            case ADMIN_DISABLED -> ProblemType.ADMIN_DISABLED;
            case TOO_MANY_INVITES -> ProblemType.TOO_MANY_INVITES;
            case CANNOT_CHANGE_SELF -> ProblemType.CANNOT_CHANGE_SELF;
            case LAST_ACTIVE_ADMIN -> ProblemType.LAST_ACTIVE_ADMIN;
            case OPERATION_IN_PROGRESS -> ProblemType.OPERATION_IN_PROGRESS;
            case KEY_IN_PROGRESS -> ProblemType.PROVISIONING_IN_PROGRESS;
            case KEY_REUSED -> ProblemType.IDEMPOTENCY_KEY_REUSED;
        };
    }
}
