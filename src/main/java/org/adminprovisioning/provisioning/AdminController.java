package org.adminprovisioning.provisioning;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.adminprovisioning.admin.AdminResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admins} and {@code POST /admins/resend-invite}: thin, the saga does the work. */
@RestController
@RequestMapping("/admins")
class AdminController {

    private final AdminProvisioningService provisioning;

    AdminController(AdminProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @PostMapping
    ResponseEntity<AdminResponse> create(@Valid @RequestBody EmailRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 255) String idempotencyKey) {
        AdminResponse admin = provisioning.provisionNewAdmin(request.email(), blankToNull(idempotencyKey));
        return ResponseEntity.created(URI.create("/admins/" + admin.id())).body(admin);
    }

    @PostMapping("/resend-invite")
    ResponseEntity<InviteResent> resendInvite(@Valid @RequestBody EmailRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(provisioning.resendAdminInvite(request.email()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The saga normalizes and fully validates the email; this only rejects what is obviously not one. */
    record EmailRequest(@NotBlank(message = "an email address is required") @Size(max = 320) String email) {
    }
}
