package org.adminprovisioning.drift;

import java.util.Optional;

import org.adminprovisioning.admin.AdminRecords.RecordedAdmin;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.drift.RepairRequest.Action;

/**
 * How a live {@code User} can disagree with its Cognito user, and which repairs fit. One definition,
 * used by the report and again by the repair, which checks the entry still drifts before acting.
 */
enum RecordDrift {
    /** No Cognito user has the record's username: nobody can sign in as this admin. */
    COGNITO_USER_MISSING("cognito-user-missing", Action.DISABLE_RECORDS),
    /** The {@code User} has no {@code AdminInfo}. */
    ADMIN_INFO_MISSING("admin-info-missing", Action.DISABLE_RECORDS),
    /** ACTIVE or INVITED here, but its Cognito user is disabled there. */
    COGNITO_USER_DISABLED("cognito-user-disabled", Action.ENABLE_COGNITO_USER, Action.DISABLE_RECORDS),
    /** ACTIVE or INVITED here, but its Cognito user is not in the admin group. */
    NOT_IN_ADMIN_GROUP("not-in-admin-group", Action.ADD_TO_ADMIN_GROUP, Action.DISABLE_RECORDS),
    /** DISABLED here, but its Cognito user can still sign in. */
    CAN_STILL_SIGN_IN("can-still-sign-in", Action.DISABLE_COGNITO_USER);

    private final String code;
    private final Action[] repairs;

    RecordDrift(String code, Action... repairs) {
        this.code = code;
        this.repairs = repairs;
    }

    String code() {
        return code;
    }

    boolean repairedBy(Action action) {
        for (Action repair : repairs) {
            if (repair == action) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the record disagrees with what Cognito says of its user.
     *
     * @param user        the Cognito user with the record's username, or empty when there is none
     * @param inAdminGroup whether that user is in the admin group
     * @return the drift, or empty when both sides agree
     */
    static Optional<RecordDrift> of(RecordedAdmin record, Optional<CognitoUser> user, boolean inAdminGroup) {
        if (record.status() == AdminStatus.OFFBOARDED) {
            return Optional.empty();
        }
        if (!record.hasAdminInfo()) {
            return Optional.of(ADMIN_INFO_MISSING);
        }
        if (user.isEmpty()) {
            return record.status() == AdminStatus.DISABLED ? Optional.empty() : Optional.of(COGNITO_USER_MISSING);
        }
        boolean mayAct = record.status() == AdminStatus.ACTIVE || record.status() == AdminStatus.INVITED;
        if (mayAct && !user.get().enabled()) {
            return Optional.of(COGNITO_USER_DISABLED);
        }
        if (mayAct && !inAdminGroup) {
            return Optional.of(NOT_IN_ADMIN_GROUP);
        }
        if (record.status() == AdminStatus.DISABLED && user.get().enabled()) {
            return Optional.of(CAN_STILL_SIGN_IN);
        }
        return Optional.empty();
    }
}
