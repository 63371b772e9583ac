package org.adminprovisioning.testsupport;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds a {@code @ConfigurationProperties} record the way Spring Boot does, defaults included, so
 * unit tests do not depend on the record's constructor (which grows as features arrive).
 */
public final class TestProperties {

    private TestProperties() {
    }

    public static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    public static <T> T defaults(String prefix, Class<T> type) {
        return bind(prefix, type, Map.of());
    }
}
