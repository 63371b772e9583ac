package org.adminprovisioning.bulkimport;

/** Why an import request was refused, in the import's own terms; {@code web/} turns each into a problem type. */
public enum ImportRefusal {
    /** The file holds more rows than one import may. */
    TOO_MANY_ROWS,
    /** The file cannot be read as an import: no {@code email} column, no rows, a broken quote. */
    UNREADABLE_FILE,
    /** No import has this id. */
    NOT_FOUND,
    /** Only an import paused for Cognito's email quota can be resumed. */
    NOT_PAUSED
}
