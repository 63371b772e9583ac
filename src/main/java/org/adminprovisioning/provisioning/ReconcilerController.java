package org.adminprovisioning.provisioning;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admins/reconciliation/run}: one reconciler pass now, on an admin's behalf. */
@RestController
class ReconcilerController {

    private final Reconciler reconciler;

    ReconcilerController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @PostMapping("/admins/reconciliation/run")
    ReconciliationRun run() {
        return reconciler.runNow();
    }
}
