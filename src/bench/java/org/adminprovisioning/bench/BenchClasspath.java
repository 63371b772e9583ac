package org.adminprovisioning.bench;

import java.io.IOException;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the test suite's own configurations (slices, movable clocks), which share the bench's
 * classpath, out of the benchmarked application: only the service and this package are scanned.
 */
final class BenchClasspath extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
        String location = reader.getResource().getURL().toString();
        return location.contains("/test-classes/")
                && !reader.getClassMetadata().getClassName().startsWith(BenchClasspath.class.getPackageName() + ".");
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
