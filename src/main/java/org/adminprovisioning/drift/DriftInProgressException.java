package org.adminprovisioning.drift;

/** An unfinished operation accounts for the drift entry: the reconciler settles it, not a repair. */
public class DriftInProgressException extends RuntimeException {

    public DriftInProgressException(String message) {
        super(message);
    }
}
