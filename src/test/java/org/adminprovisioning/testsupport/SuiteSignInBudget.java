package org.adminprovisioning.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every request of every suite comes from 127.0.0.1, and suites share contexts: the production
 * budget of 60 {@code /auth/*} requests per client and minute would turn unrelated suites' sign-ins
 * into 429s. Each Spring test context therefore gets a budget no suite reaches, at the lowest
 * precedence, so a suite about the throttle sets its own limits with ordinary test properties.
 * The per-username budget of failed attempts keeps its production default. Registered in
 * {@code META-INF/spring.factories}.
 */
public class SuiteSignInBudget implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Budget();
    }

    private static final class Budget implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("suite-sign-in-budget",
                    Map.of("provisioning.auth.requests-per-client", "1000000")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Budget;
        }

        @Override
        public int hashCode() {
            return Budget.class.hashCode();
        }
    }
}
