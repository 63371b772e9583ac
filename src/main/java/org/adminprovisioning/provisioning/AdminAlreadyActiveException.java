package org.adminprovisioning.provisioning;

/** The admin already chose a permanent password: there is no invitation to resend. */
public class AdminAlreadyActiveException extends RuntimeException {

    public AdminAlreadyActiveException(String message) {
        super(message);
    }
}
