package org.adminprovisioning.provisioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Which faults the injecting wrappers fire: armed one-shot faults per {@link Step} (the fault
 * matrix), and/or random ones with a seeded {@link Random} (the random scenarios).
 */
final class FaultPlan {

    private final Map<Step, Deque<Fault>> armed = new EnumMap<>(Step.class);
    private final List<String> fired = new ArrayList<>();
    private Random random;
    private double probability;
    private boolean enabled = true;
    private boolean hanging;
    private Runnable onHang = () -> {
    };

    synchronized void arm(Step step, Fault fault) {
        armed.computeIfAbsent(step, s -> new ArrayDeque<>()).add(fault);
    }

    synchronized void randomly(Random random, double probability) {
        this.random = random;
        this.probability = probability;
    }

    synchronized void enable(boolean enabled) {
        this.enabled = enabled;
    }

    void onHang(Runnable onHang) {
        this.onHang = onHang;
    }

    synchronized boolean allArmedFired() {
        return armed.values().stream().allMatch(Deque::isEmpty);
    }

    synchronized void reset() {
        armed.clear();
        fired.clear();
        random = null;
        enabled = true;
    }

    synchronized List<String> fired() {
        return List.copyOf(fired);
    }

    /** The fault to fire at this call of the step, or null. */
    synchronized Fault next(Step step) {
        if (!enabled) {
            return null;
        }
        Deque<Fault> queue = armed.get(step);
        Fault fault = queue == null ? null : queue.poll();
        if (fault == null && random != null && random.nextDouble() < probability) {
            Fault[] choices = step == Step.CREATE_USER ? Fault.CREATE : step == Step.FIND_USER ? Fault.READ : Fault.GENERIC;
            fault = choices[random.nextInt(choices.length)];
        }
        if (fault != null) {
            fired.add(fault + "@" + step);
        }
        return fault;
    }

    /** Runs the call with the generic faults; {@code failure} is what a failing call throws. */
    <T> T intercept(Step step, Supplier<T> call, Supplier<? extends RuntimeException> failure) {
        Fault fault = next(step);
        if (fault == null) {
            return call.get();
        }
        return fire(step, fault, call, failure);
    }

    <T> T fire(Step step, Fault fault, Supplier<T> call, Supplier<? extends RuntimeException> failure) {
        switch (fault) {
            case FAIL:
                throw failure.get();
            case LOST_RESPONSE: {
                call.get();
                throw failure.get();
            }
            case HANG: {
                hang();
                return call.get();
            }
            case CRASH_BEFORE:
                throw new SimulatedCrash(step, fault);
            case CRASH_AFTER: {
                call.get();
                throw new SimulatedCrash(step, fault);
            }
            default:
                throw new IllegalStateException(fault + " does not apply to " + step);
        }
    }

    /** The stalled call waits while another instance works; a hang inside that work just proceeds. */
    void hang() {
        synchronized (this) {
            if (hanging) {
                return;
            }
            hanging = true;
        }
        try {
            onHang.run();
        } finally {
            synchronized (this) {
                hanging = false;
            }
        }
    }
}
