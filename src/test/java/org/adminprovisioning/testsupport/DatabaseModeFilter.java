package org.adminprovisioning.testsupport;

import java.util.Optional;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Splits the suite between the build's two surefire executions (registered through
 * {@code META-INF/services}): the default one runs everything on H2 except {@link PostgresOnly}
 * suites; the postgres one ({@code -Dadminprovisioning.test.database=postgres}) runs every suite
 * that starts a database (a {@code @SpringBootTest}, {@code @DataJpaTest} or {@code @JdbcTest}
 * context) again, on PostgreSQL, plus the {@link PostgresOnly} ones. Plain unit tests and web
 * slices need no database and run once.
 */
public class DatabaseModeFilter implements PostDiscoveryFilter {

    private static final String[] DATABASE_CONTEXTS = {
        "org.springframework.boot.test.context.SpringBootTest",
        "org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest",
        "org.springframework.boot.jdbc.test.autoconfigure.JdbcTest"
    };

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<Class<?>> testClass = testClass(descriptor.getSource().orElse(null));
        if (testClass.isEmpty()) {
            return FilterResult.included("not a class");
        }
        boolean postgresOnly = annotated(testClass.get(), PostgresOnly.class.getName());
        if (!TestDatabase.postgresMode()) {
            return postgresOnly ? FilterResult.excluded("@PostgresOnly: runs in the postgres execution")
                    : FilterResult.included("H2 execution");
        }
        for (String annotation : DATABASE_CONTEXTS) {
            if (annotated(testClass.get(), annotation)) {
                return FilterResult.included("database suite: runs on PostgreSQL too");
            }
        }
        return postgresOnly ? FilterResult.included("@PostgresOnly")
                : FilterResult.excluded("no database: runs in the H2 execution only");
    }

    private static Optional<Class<?>> testClass(TestSource source) {
        if (source instanceof ClassSource classSource) {
            return Optional.of(classSource.getJavaClass());
        }
        if (source instanceof MethodSource methodSource) {
            return Optional.of(methodSource.getJavaClass());
        }
        return Optional.empty();
    }

    private static boolean annotated(Class<?> type, String annotation) {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getEnclosingClass()) {
            if (MergedAnnotations.from(candidate, SearchStrategy.TYPE_HIERARCHY).isPresent(annotation)) {
                return true;
            }
        }
        return false;
    }
}
