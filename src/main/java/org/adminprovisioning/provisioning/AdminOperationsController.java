package org.adminprovisioning.provisioning;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.adminprovisioning.admin.AdminResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two-system operations over HTTP, thin: each hands its request to its operation and turns the
 * outcome into a status. A change our database holds while Cognito's part is left to the reconciler
 * answers {@code 202 Accepted}.
 */
@RestController
@RequestMapping("/admins")
class AdminOperationsController {

    private static final String KEY = "Idempotency-Key";

    private final ProvisionAdmin provision;
    private final ResendInvite resend;
    private final DisableAdmin disable;
    private final EnableAdmin enable;
    private final OffboardAdmin offboard;

    AdminOperationsController(ProvisionAdmin provision, ResendInvite resend, DisableAdmin disable, EnableAdmin enable,
            OffboardAdmin offboard) {
        this.provision = provision;
        this.resend = resend;
        this.disable = disable;
        this.enable = enable;
        this.offboard = offboard;
    }

    @PostMapping
    ResponseEntity<AdminResponse> create(@Valid @RequestBody EmailRequest request,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        AdminResponse admin = provision.provisionNewAdmin(request.email(), blankToNull(idempotencyKey));
        return ResponseEntity.created(URI.create("/admins/" + admin.id())).body(admin);
    }

    @PostMapping("/resend-invite")
    ResponseEntity<InviteResent> resendInvite(@Valid @RequestBody EmailRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(resend.resendAdminInvite(request.email()));
    }

    @PostMapping("/{id}/disable")
    ResponseEntity<AdminResponse> disable(@PathVariable UUID id,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        return answer(disable.disable(id, blankToNull(idempotencyKey)));
    }

    @PostMapping("/{id}/enable")
    ResponseEntity<AdminResponse> enable(@PathVariable UUID id,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        return answer(enable.enable(id, blankToNull(idempotencyKey)));
    }

    /** 204 once the admin is gone from both systems; 202 with the admin while Cognito's delete is pending. */
    @DeleteMapping("/{id}")
    ResponseEntity<AdminResponse> offboard(@PathVariable UUID id,
            @RequestHeader(name = KEY, required = false) @Size(max = 255) String idempotencyKey) {
        OperationOutcome outcome = offboard.offboard(id, blankToNull(idempotencyKey));
        return outcome instanceof OperationOutcome.Pending pending
                ? ResponseEntity.status(HttpStatus.ACCEPTED).body(pending.admin())
                : ResponseEntity.noContent().build();
    }

    private static ResponseEntity<AdminResponse> answer(OperationOutcome outcome) {
        return ResponseEntity.status(outcome instanceof OperationOutcome.Pending ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(outcome.admin());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The operation normalizes and fully validates the email; this only rejects what is obviously not one. */
    record EmailRequest(@NotBlank(message = "an email address is required") @Size(max = 320) String email) {
    }
}
