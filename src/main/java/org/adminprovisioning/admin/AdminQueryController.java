package org.adminprovisioning.admin;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read side of the admins, admin only: {@code GET /admins?status=&q=&page=&size=&sort=} (Spring
 * Data's paged JSON) and {@code GET /admins/{id}}.
 */
@RestController
@RequestMapping("/admins")
class AdminQueryController {

    /** Every state but OFFBOARDED: offboarded admins are listed only when asked for by status. */
    private static final Set<AdminStatus> CURRENT = EnumSet.of(AdminStatus.INVITED, AdminStatus.ACTIVE,
            AdminStatus.DISABLED);

    private final AdminRecords records;

    AdminQueryController(AdminRecords records) {
        this.records = records;
    }

    /**
     * @param status only admins in these states (repeatable); INVITED, ACTIVE and DISABLED by default
     * @param q      only emails starting with this prefix, any letter case
     * @param sort   {@code createdAt} (default) or {@code email}, optionally {@code ,asc} or {@code ,desc}
     */
    @GetMapping
    PagedModel<AdminResponse> list(@RequestParam(required = false) Set<AdminStatus> status,
            @RequestParam(defaultValue = "") @Size(max = 254) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "createdAt") @Pattern(regexp = "(createdAt|email)(,(asc|desc))?",
                    message = "must be createdAt or email, optionally followed by ,asc or ,desc") String sort) {
        Set<AdminStatus> statuses = status == null || status.isEmpty() ? CURRENT : status;
        return new PagedModel<>(records.page(statuses, q, PageRequest.of(page, size, order(sort)))
                .map(AdminResponse::of));
    }

    @GetMapping("/{id}")
    AdminResponse one(@PathVariable UUID id) {
        return records.findById(id).map(AdminResponse::of)
                .orElseThrow(() -> new AdminNotFoundException("with id " + id));
    }

    /** The API's sort names, as properties of the query's root; ties broken by id for stable pages. */
    private static Sort order(String sort) {
        String[] parts = sort.split(",");
        Sort.Direction direction = parts.length > 1 && "desc".equals(parts[1]) ? Sort.Direction.DESC
                : Sort.Direction.ASC;
        return Sort.by(direction, "user." + parts[0]).and(Sort.by("user.id"));
    }
}
