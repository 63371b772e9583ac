package org.adminprovisioning.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link Reconciler} every {@code provisioning.reconciler.interval} (first run one
 * interval after start). Every instance may run it: the claims skip what another holds. Off with
 * {@code provisioning.reconciler.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "provisioning.reconciler.enabled", matchIfMissing = true)
class ReconcilerSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReconcilerSchedule.class);

    private final Reconciler reconciler;
    private final ProvisioningProperties properties;

    ReconcilerSchedule(Reconciler reconciler, ProvisioningProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        ProvisioningProperties.Reconciler settings = properties.reconciler();
        registrar.addFixedDelayTask(new FixedDelayTask(this::runQuietly, settings.interval(), settings.interval()));
    }

    private void runQuietly() {
        try {
            reconciler.run();
        } catch (RuntimeException e) {
            // The database or Cognito is down: the next run tries again.
            log.warn("Reconciler run failed: {}", e.toString());
        }
    }
}
