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

    private final DriftService drift;

    DriftController(DriftService drift) {
        this.drift = drift;
    }

    @GetMapping
    DriftReport report() {
        return drift.report();
    }

    @PostMapping("/repair")
    RepairRequest.Result repair(@Valid @RequestBody RepairRequest request) {
        return drift.repair(request);
    }
}
