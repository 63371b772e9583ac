package org.adminprovisioning.provisioning;

/**
 * The process died here. An {@link Error}, so that no {@code catch (RuntimeException)} in the
 * saga runs its compensation, just as none would in a killed process: open transactions roll
 * back, committed ones stay, the journal row stays wherever it was.
 */
final class SimulatedCrash extends Error {

    SimulatedCrash(Step step, Fault fault) {
        super("simulated crash " + fault + " " + step, null, false, false);
    }
}
