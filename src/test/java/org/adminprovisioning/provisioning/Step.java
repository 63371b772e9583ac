package org.adminprovisioning.provisioning;

/** The steps of DESIGN §4 (saga, compensation and reconciler) where faults are injected. */
enum Step {
    JOURNAL_START("journal.start (Tx A: STARTED)"),
    CREATE_USER("cognito.createAdminUser"),
    FIND_USER("cognito.findUser (unknown-outcome look-up)"),
    JOURNAL_COGNITO_CREATED("journal.markCognitoCreated"),
    ADD_TO_GROUP("cognito.addToAdminGroup"),
    LOCK_FOR_COMPLETION("journal.lockForCompletion (Tx B)"),
    WRITE_RECORDS("records.createAdminDatabaseRecords (Tx B)"),
    JOURNAL_COMPLETED("journal.markCompleted (Tx B)"),
    JOURNAL_FAILED("journal.markFailed"),
    JOURNAL_HAND_OVER("journal.recordError (hand-over to reconciler)"),
    JOURNAL_COMPENSATING("journal.markCompensating"),
    DELETE_USER("cognito.deleteUser (compensation)"),
    JOURNAL_ROLLED_BACK("journal.markRolledBack"),
    JOURNAL_REOPEN("journal.reopenForCompensation"),
    RECONCILER_CLAIM("reconciler: journal.claimDue (FOR UPDATE SKIP LOCKED)"),
    RECONCILER_LOCK("reconciler: journal.lockClaimed"),
    RECONCILER_END("reconciler: journal fail/rollBack/retry");

    private final String description;

    Step(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean isCognitoCall() {
        return this == CREATE_USER || this == FIND_USER || this == ADD_TO_GROUP || this == DELETE_USER;
    }
}
