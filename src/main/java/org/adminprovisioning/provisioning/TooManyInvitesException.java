package org.adminprovisioning.provisioning;

/** The admin's invitation was resent too often within the last hour. */
public class TooManyInvitesException extends RuntimeException {

    public TooManyInvitesException(String message) {
        super(message);
    }
}
