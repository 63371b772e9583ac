package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.adminprovisioning.admin.AdminRecords;
import org.junit.jupiter.api.Test;

/**
 * The injecting wrappers extend the real classes but must delegate every public method: an
 * inherited one would run on the wrapper's empty fields, outside the real one's transactions.
 */
class FaultInjectingWrappersTests {

    @Test
    void journalWrapper_overridesEveryPublicMethodOfTheJournal() {
        assertThat(notOverridden(ProvisioningJournal.class, FaultInjectingJournal.class)).isEmpty();
    }

    @Test
    void recordsWrapper_overridesEveryPublicMethodOfTheRecords() {
        assertThat(notOverridden(AdminRecords.class, FaultInjectingRecords.class)).isEmpty();
    }

    private static List<String> notOverridden(Class<?> real, Class<?> wrapper) {
        return Arrays.stream(real.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(wrapper, m))
                .map(Method::toString)
                .toList();
    }

    private static boolean declares(Class<?> wrapper, Method method) {
        try {
            wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
