package org.adminprovisioning.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminNotFoundException;
import org.adminprovisioning.admin.AdminRecords;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, admin only, newest first, in pages: {@code GET /audit-events?actor=&target=&action=&from=&to=}
 * and one admin's {@code GET /admins/{id}/audit}.
 */
@RestController
class AuditController {

    private final AuditTrail audit;
    private final AdminRecords records;

    AuditController(AuditTrail audit, AdminRecords records) {
        this.audit = audit;
        this.records = records;
    }

    /**
     * @param from at or after this moment (ISO-8601, e.g. {@code 2026-12-01T00:00:00Z})
     * @param to   before this moment
     */
    @GetMapping("/audit-events")
    PagedModel<AuditEntry> search(@RequestParam(required = false) @Size(max = 254) String actor,
            @RequestParam(required = false) @Size(max = 254) String target,
            @RequestParam(required = false) AuditTrail.Action action,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        AuditQuery query = new AuditQuery(actor, target, action == null ? null : action.name(), from, to);
        return new PagedModel<>(audit.search(query, PageRequest.of(page, size)));
    }

    /** Everything that happened to the admin with this email (a later admin reusing the email shares it). */
    @GetMapping("/admins/{id}/audit")
    PagedModel<AuditEntry> ofAdmin(@PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        AdminAccount admin = records.findById(id).orElseThrow(() -> new AdminNotFoundException("with id " + id));
        return new PagedModel<>(audit.search(AuditQuery.about(admin.email()), PageRequest.of(page, size)));
    }
}
