package org.adminprovisioning.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the postgres execution, skips every suite with the reason when the PostgreSQL server is
 * absent, and fails it under {@code CI=true} ({@link Peers}). Registered by extension
 * auto-detection, which the pom turns on for that execution only. A condition, not a
 * {@code beforeAll} callback: it decides before any other extension of the suite starts (a
 * {@code beforeAll} abort would still run their {@code afterAll}, which
 * {@code OutputCaptureExtension} does not survive).
 */
public class PostgresModeExtension implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgresMode()) {
            return ConditionEvaluationResult.enabled("H2 execution");
        }
        String reason = TestDatabase.postgresUnavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers");
        }
        // Fails under CI=true; elsewhere it only prints the reason, and the suite is disabled with it.
        Peers.requireOrReport("PostgreSQL at " + TestDatabase.describe(), reason);
        return ConditionEvaluationResult.disabled("PostgreSQL at " + TestDatabase.describe() + " is not available: "
                + reason);
    }
}
