package org.adminprovisioning.bench;

import java.net.URI;
import java.util.Map;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.CurrentAdmin;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.provisioning.TemporaryPasswordGenerator;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * B1's baseline, built only in the bench profile: what provisioning would cost with no safety at all —
 * one {@code AdminCreateUser} and one save of both rows, no journal, no idempotency, no compensation —
 * behind the same security chain as {@code POST /admins} (an ACTIVE admin's token).
 */
@RestController
class NaiveProvisioningController {

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final TemporaryPasswordGenerator passwords = new TemporaryPasswordGenerator(16);

    NaiveProvisioningController(CognitoGateway cognito, AdminRecords records) {
        this.cognito = cognito;
        this.records = records;
    }

    @PostMapping("/bench/naive-admins")
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, String> body) {
        AdminPrincipal caller = CurrentAdmin.require();
        String email = EmailAddress.of(body.get("email")).value();
        CognitoUser user = cognito.createAdminUser(email, passwords.generate());
        AdminAccount account = records.createAdminDatabaseRecords(email, user.username(), user.sub(), caller.userId());
        return ResponseEntity.created(URI.create("/admins/" + account.id()))
                .body(Map.of("id", account.id(), "email", account.email(), "status", account.status()));
    }
}
