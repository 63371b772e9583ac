package org.adminprovisioning.provisioning;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admins/reconciliation} (the drift report), {@code POST /admins/reconciliation/run}
 * (a reconciler pass now) and {@code POST /admins/reconciliation/repair} (one entry, on purpose).
 * Admins only.
 */
@RestController
@RequestMapping("/admins/reconciliation")
class ReconciliationController {

    private final DriftService drift;
    private final Reconciler reconciler;

    ReconciliationController(DriftService drift, Reconciler reconciler) {
        this.drift = drift;
        this.reconciler = reconciler;
    }

    @GetMapping
    DriftReport report() {
        return drift.report();
    }

    @PostMapping("/run")
    ReconciliationRun run() {
        return reconciler.runNow();
    }

    @PostMapping("/repair")
    RepairRequest.Result repair(@Valid @RequestBody RepairRequest request) {
        return drift.repair(request);
    }
}
