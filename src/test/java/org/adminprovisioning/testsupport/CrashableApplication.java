package org.adminprovisioning.testsupport;

import org.adminprovisioning.AdminProvisioningApplication;
import org.adminprovisioning.cognito.HaltingCognitoClient;
import org.springframework.boot.SpringApplication;

/**
 * The service, started by a test in a JVM of its own, that can be told to die mid-saga: with
 * {@code -Dprovisioning.test.halt-after=<Cognito operation>} (e.g. {@code adminAddUserToGroup}) the
 * JVM halts right after that call returns.
 *
 * <p>The hook cannot be switched on in production: it is in the test sources, not in the
 * packaged application, whose main class ({@link AdminProvisioningApplication}) never reads the
 * property; {@code CrashHookTests} checks that no main class mentions it.
 */
public final class CrashableApplication {

    public static final String HALT_AFTER = "provisioning.test.halt-after";

    private CrashableApplication() {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AdminProvisioningApplication.class);
        String haltAfter = System.getProperty(HALT_AFTER);
        if (haltAfter != null && !haltAfter.isBlank()) {
            application.addInitializers(context -> context.getBeanFactory()
                    .addBeanPostProcessor(new HaltingCognitoClient(haltAfter)));
        }
        application.run(args);
    }
}
