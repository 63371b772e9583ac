package org.adminprovisioning.drift;

/** The repair named an entry that does not exist, or that no longer drifts. */
public class DriftNotFoundException extends RuntimeException {

    public DriftNotFoundException(String message) {
        super(message);
    }
}
