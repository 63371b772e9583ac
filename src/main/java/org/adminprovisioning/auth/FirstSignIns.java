package org.adminprovisioning.auth;

import org.adminprovisioning.admin.AdminRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Marks an admin ACTIVE once its first sign-in completed: after the new password, or after the MFA setup that follows it. */
@Component
class FirstSignIns {

    private static final Logger log = LoggerFactory.getLogger(FirstSignIns.class);

    private final AdminRecords records;

    FirstSignIns(AdminRecords records) {
        this.records = records;
    }

    void completed(String poolUsername) {
        try {
            records.activate(poolUsername);
        } catch (RuntimeException e) {
            // Cognito already issued tokens; the first request with them activates the admin
            // (AdminAuthenticationConverter), so a lost write does not lock it out.
            log.warn("Could not mark admin {} active after its first sign-in: {}", poolUsername, e.toString());
        }
    }
}
