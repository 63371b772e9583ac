package org.adminprovisioning.drift;

/** The repair's action does not apply to its kind of entry, or the entry's id is malformed. */
public class InvalidRepairException extends RuntimeException {

    public InvalidRepairException(String message) {
        super(message);
    }
}
