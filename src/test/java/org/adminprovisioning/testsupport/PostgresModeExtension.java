package org.adminprovisioning.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the postgres execution, skips every suite with the reason when the PostgreSQL server is
 * absent, and fails it under {@code CI=true} ({@link Peers}). Registered by extension
 * auto-detection, which the pom turns on for that execution only.
 */
public class PostgresModeExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (TestDatabase.postgresMode()) {
            TestDatabase.assumePostgres();
        }
    }
}
