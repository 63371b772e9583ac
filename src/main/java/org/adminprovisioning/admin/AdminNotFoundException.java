package org.adminprovisioning.admin;

/** No admin matches the id or email asked for. */
public class AdminNotFoundException extends RuntimeException {

    public AdminNotFoundException(String what) {
        super("No admin " + what);
    }
}
