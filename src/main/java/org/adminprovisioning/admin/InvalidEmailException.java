package org.adminprovisioning.admin;

/** The email is missing or not an address an invitation can be sent to. */
public class InvalidEmailException extends RuntimeException {

    public InvalidEmailException(String message) {
        super(message);
    }
}
