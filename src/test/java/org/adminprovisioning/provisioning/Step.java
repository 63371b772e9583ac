package org.adminprovisioning.provisioning;

/** The steps of the operations, their compensations and the reconciler where faults are injected. */
enum Step {
    LOCK_ADMIN("records.lockForChange (first statement of the operation's transaction)"),
    JOURNAL_BEGIN("journal.begin (the operation journaled, with our part for disable/offboard)"),
    CREATE_USER("cognito.createAdminUser"),
    FIND_USER("cognito.findUser (look-up after an unknown outcome)"),
    JOURNAL_COGNITO_DONE("journal.cognitoDone"),
    ADD_TO_GROUP("cognito.addToAdminGroup"),
    DISABLE_USER("cognito.disableUser"),
    SIGN_OUT("cognito.signOutEverywhere"),
    ENABLE_USER("cognito.enableUser"),
    DELETE_USER("cognito.deleteUser"),
    RESEND("cognito.resendInvite"),
    JOURNAL_LOCK("journal.lockInState (our part's transaction)"),
    WRITE_RECORDS("records.createAdminDatabaseRecords"),
    WRITE_DISABLE("records.disable"),
    WRITE_ENABLE("records.enable"),
    WRITE_OFFBOARD("records.offboard"),
    WRITE_RESENT("records.recordInviteResent"),
    JOURNAL_COMPLETE("journal.complete"),
    JOURNAL_FAIL("journal.fail"),
    JOURNAL_HAND_OVER("journal.handOver (to the reconciler)"),
    JOURNAL_COMPENSATING("journal.compensating"),
    JOURNAL_ROLLED_BACK("journal.rolledBack"),
    JOURNAL_REOPEN("journal.lateChangeFound"),
    RECONCILER_CLAIM("reconciler: journal.claimDue (FOR UPDATE SKIP LOCKED)"),
    RECONCILER_LOCK("reconciler: journal.lockClaimed"),
    RECONCILER_END("reconciler: journal complete/fail/rollBack/retry");

    private final String description;

    Step(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Cognito reads: a fault there can only fail, hang or crash; there is nothing to lose. */
    boolean isRead() {
        return this == FIND_USER;
    }
}
