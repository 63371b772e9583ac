package org.adminprovisioning.bulkimport;

/** What became of one row. */
public enum RowOutcome {
    /** Not decided yet: waiting for its (next) try. */
    PENDING,
    /** Provisioned: Cognito emailed the invitation. */
    CREATED,
    /** An admin with this email existed already (or an earlier row of the same file has it). */
    ALREADY_EXISTED,
    /** Not an email address: never sent to Cognito. */
    INVALID,
    /** Cognito or our database refused it for good; {@code problemType} says why. */
    FAILED
}
