package org.adminprovisioning.provisioning;

/** What the reconciler cannot settle by retrying: an admin must look (drift report, repair). */
class ReconciliationConflict extends RuntimeException {

    ReconciliationConflict(String message) {
        super(message);
    }
}
