package org.adminprovisioning.bulkimport;

/** Where an import is. */
public enum ImportState {
    /** Rows are being provisioned, or wait for their next try. */
    RUNNING,
    /** Cognito's daily email quota is spent: no row is tried until the import is resumed. */
    PAUSED_EMAIL_QUOTA,
    /** Every row is decided. */
    COMPLETED
}
