package org.adminprovisioning.auth;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.springframework.stereotype.Component;

/**
 * The pool's username for what a person typed. Cognito wants it (not the email alias) in the calls after
 * the password, and computes their {@code SECRET_HASH} over it: a UUID in email-as-username pools. Our
 * records know it for every admin; anything else is passed on as typed.
 */
@Component
class PoolUsernames {

    private final AdminRecords records;

    PoolUsernames(AdminRecords records) {
        this.records = records;
    }

    String of(String typed) {
        String trimmed = typed.trim();
        try {
            return records.findByEmail(EmailAddress.of(trimmed).value()).map(AdminAccount::cognitoUsername)
                    .orElse(trimmed);
        } catch (InvalidEmailException notAnEmail) {
            return trimmed;
        }
    }
}
