package org.adminprovisioning.admin;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read side of the admins: {@code GET /admins} and {@code GET /admins/{id}}, admin only. */
@RestController
@RequestMapping("/admins")
class AdminQueryController {

    private final AdminRecords records;

    AdminQueryController(AdminRecords records) {
        this.records = records;
    }

    @GetMapping
    List<AdminResponse> list() {
        return records.findAll().stream().map(AdminResponse::of).toList();
    }

    @GetMapping("/{id}")
    AdminResponse one(@PathVariable UUID id) {
        return records.findById(id).map(AdminResponse::of)
                .orElseThrow(() -> new AdminNotFoundException("with id " + id));
    }
}
