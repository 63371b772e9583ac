package org.adminprovisioning.startup;

/** The service refuses to start as configured: what is wrong, and what to set instead. */
class StartupRefusedException extends RuntimeException {

    private final String action;

    StartupRefusedException(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
