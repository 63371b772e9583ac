package org.adminprovisioning.testsupport;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * In the postgres execution ({@link TestDatabase#postgresMode()}), points every Spring test
 * context at a fresh PostgreSQL schema of its own, whatever its own properties say, and drops the
 * schema when the context closes. Registered in {@code META-INF/spring.factories}; does nothing in
 * the H2 execution.
 */
public class PostgresSchemaPerContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestDatabase.postgresMode() ? new FreshSchema() : null;
    }

    /** Equal to every other, so contexts stay cached as they would on H2; the schema is made per context. */
    private static final class FreshSchema implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (TestDatabase.postgresUnavailableReason() != null) {
                // PostgresModeExtension has skipped (or failed) the suite already; never fall back to H2 silently.
                throw new IllegalStateException("PostgreSQL is not available: "
                        + TestDatabase.postgresUnavailableReason());
            }
            String schema = TestDatabase.createSchema();
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("postgres-test-schema", TestDatabase.springProperties(schema)));
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    TestDatabase.dropSchema(schema);
                }
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FreshSchema;
        }

        @Override
        public int hashCode() {
            return FreshSchema.class.hashCode();
        }
    }
}
