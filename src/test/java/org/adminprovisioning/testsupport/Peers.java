package org.adminprovisioning.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For suites that need an outside peer (PostgreSQL, a Cognito emulator): skip with the reason
 * named when the peer is absent on a developer's machine, fail under {@code CI=true}, where
 * {@code .ci/run} provides every peer and a missing one is a broken build.
 */
public final class Peers {

    private Peers() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * For callers that skip by other means (an execution condition): fails under {@code CI=true},
     * and otherwise prints why the peer's suites are skipped.
     */
    public static void requireOrReport(String peer, String reason) {
        String message = peer + " is not available: " + reason;
        if (inCi()) {
            Assertions.fail(message + " (CI=true: .ci/run must provide it)");
        }
        System.err.println("SKIPPED: " + message);
    }

    /** Skips (or, in CI, fails) the calling test unless the peer is available. */
    public static void assumeAvailable(String peer, boolean available, String reason) {
        if (available) {
            return;
        }
        String message = peer + " is not available: " + reason;
        if (inCi()) {
            Assertions.fail(message + " (CI=true: .ci/run must provide it)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
