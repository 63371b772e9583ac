package org.adminprovisioning.provisioning;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The engine's timers (docs/operations.md): {@value #OPERATIONS} per operation and outcome, and
 * {@value #STEPS} per step of an operation's saga (journal, Cognito, database, compensation) and of the
 * reconciler's work. Tags hold enum names and failure codes only: their number is bounded, and no
 * email, id or secret ever becomes one.
 */
@Component
class EngineMetrics {

    static final String OPERATIONS = "provisioning.operations";
    static final String STEPS = "provisioning.saga.step";

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs one operation and times it, tagged with how it ended: {@code completed}, {@code unchanged},
     * {@code pending} (Cognito's part left to the reconciler) or {@code failed} with the failure's
     * {@code reason} (a {@link FailureReason} code, or the thrown exception's type, e.g. {@code cognito-unavailable}).
     */
    <T> T operation(Operation operation, Supplier<T> body) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        String reason = "none";
        try {
            T result = body.get();
            outcome = result instanceof OperationOutcome ended ? outcomeOf(ended) : "completed";
            return result;
        } catch (OperationFailedException e) {
            reason = e.reason().code();
            throw e;
        } catch (RuntimeException e) {
            reason = reasonOf(e);
            throw e;
        } finally {
            sample.stop(Timer.builder(OPERATIONS).description("Two-system operations, by type and outcome")
                    .tag("operation", tag(operation)).tag("outcome", outcome).tag("reason", reason)
                    .register(registry));
        }
    }

    /** Runs one step of an operation's saga and times it, tagged {@code succeeded} or {@code failed}. */
    <T> T step(Operation operation, String step, Supplier<T> body) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            T result = body.get();
            outcome = "succeeded";
            return result;
        } finally {
            stopStep(sample, operation, step, outcome);
        }
    }

    /** {@link #step} for a step that returns nothing. */
    void step(Operation operation, String step, Runnable body) {
        step(operation, step, () -> {
            body.run();
            return null;
        });
    }

    /** Times one reconciler attempt on an entry, tagged with its {@link ReconciliationRun.Result}. */
    ReconciliationRun.Result reconcile(Operation operation, Supplier<ReconciliationRun.Result> body) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            ReconciliationRun.Result result = body.get();
            outcome = result.name().toLowerCase(Locale.ROOT);
            return result;
        } finally {
            stopStep(sample, operation, "reconcile", outcome);
        }
    }

    private void stopStep(Timer.Sample sample, Operation operation, String step, String outcome) {
        sample.stop(Timer.builder(STEPS).description("Steps of the operations' sagas and of the reconciler")
                .tag("operation", tag(operation)).tag("step", step).tag("outcome", outcome)
                .register(registry));
    }

    private static String outcomeOf(OperationOutcome outcome) {
        if (outcome instanceof OperationOutcome.Unchanged) {
            return "unchanged";
        }
        return outcome instanceof OperationOutcome.Pending ? "pending" : "completed";
    }

    /** {@code CognitoUnavailableException} → {@code cognito-unavailable}: a bounded set, one per exception type. */
    private static String reasonOf(RuntimeException e) {
        return e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    private static String tag(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }
}
