package org.adminprovisioning.drift;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admins/reconciliation} (the drift report) and {@code POST /admins/reconciliation/repair}
 * (one entry, on purpose). Admins only.
 */
@RestController
@RequestMapping("/admins/reconciliation")
class DriftController {

    private final DriftReports reports;
    private final DriftRepairs repairs;

    DriftController(DriftReports reports, DriftRepairs repairs) {
        this.reports = reports;
        this.repairs = repairs;
    }

    @GetMapping
    DriftReport report() {
        return reports.report();
    }

    @PostMapping("/repair")
    RepairRequest.Result repair(@Valid @RequestBody RepairRequest request) {
        return repairs.repair(request);
    }
}
