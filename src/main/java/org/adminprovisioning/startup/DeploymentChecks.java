package org.adminprovisioning.startup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a deployment that would lose data or leak the sandbox (docs/security.md), before any
 * bean is made, any database is touched or any port is bound:
 * <ul>
 * <li>the {@code postgres} profile without {@code SPRING_DATASOURCE_URL};</li>
 * <li>profiles that select no Cognito pool: the in-memory pool runs in the default profile only, so
 * {@code postgres} alone would put a pool that forgets its users at every stop over a database that
 * keeps them;</li>
 * <li>the {@code cognito} profile over an in-memory database: every restart would forget the journal
 * and the admins while Cognito keeps its users;</li>
 * <li>the default profile (the sandbox) over a persistent database, for the same reason the other
 * way round;</li>
 * <li>the sandbox on any address but loopback, unless {@code provisioning.dev.expose-sandbox=true}
 * (then a warning at every start): it hands out temporary passwords at {@code /dev/outbox}.</li>
 * </ul>
 * {@code provisioning.dev.disposable-state=true} lifts the two lifetime checks for test suites whose
 * database and pool are both thrown away.
 */
@Component
class DeploymentChecks implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DeploymentChecks.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** @throws StartupRefusedException when the environment describes an unsafe deployment */
    static void check(Environment environment) {
        SandboxProperties dev = Binder.get(environment).bind("provisioning.dev", SandboxProperties.class)
                .orElse(new SandboxProperties(false, false));
        // "default" is active exactly when no other profile is (or when named): the sandbox.
        boolean sandbox = environment.acceptsProfiles(Profiles.of("default"));
        boolean cognito = environment.acceptsProfiles(Profiles.of("cognito"));
        boolean postgres = environment.acceptsProfiles(Profiles.of("postgres"));
        String url = property(environment, "spring.datasource.url");
        if (postgres && url.isBlank()) {
            throw new StartupRefusedException("The postgres profile is active but no database is configured: "
                    + "SPRING_DATASOURCE_URL is not set.",
                    "Set SPRING_DATASOURCE_URL (e.g. jdbc:postgresql://db.internal:5432/admins), with "
                    + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.");
        }
        if (!sandbox && !cognito) {
            throw new StartupRefusedException("The active profiles " + Arrays.toString(environment.getActiveProfiles())
                    + " select no Cognito user pool. The in-memory pool exists in the default profile only (no "
                    + "profile active): it forgets its users at every stop, so it must never run over a database "
                    + "that keeps them" + (postgres ? ", as postgres alone would" : "") + ".",
                    "Run with --spring.profiles.active=cognito,postgres (SPRING_PROFILES_ACTIVE=cognito,postgres) "
                    + "for a real pool, or with no profile for the local sandbox (in-memory pool and database).");
        }
        boolean inMemoryDatabase = isInMemory(url);
        if (cognito && inMemoryDatabase && !dev.disposableState()) {
            throw new StartupRefusedException("The cognito profile is active over an in-memory database ("
                    + describe(url) + "). Cognito keeps its users across restarts; this database would forget the "
                    + "provisioning journal and every admin at each stop, leaving users in the pool that nothing "
                    + "here knows of.",
                    "Add the postgres profile (SPRING_PROFILES_ACTIVE=cognito,postgres) and set "
                    + "SPRING_DATASOURCE_URL to a persistent database.");
        }
        if (sandbox && !inMemoryDatabase && !dev.disposableState()) {
            throw new StartupRefusedException("The default profile runs the in-memory Cognito pool, which forgets "
                    + "its users at every stop, over a persistent database (" + describe(url) + "): after a restart "
                    + "the database would hold admins that nobody can sign in as.",
                    "Leave spring.datasource.url (SPRING_DATASOURCE_URL) unset for the sandbox, or run with "
                    + "SPRING_PROFILES_ACTIVE=cognito,postgres for a real pool over that database.");
        }
        if (sandbox) {
            checkSandboxAddress(environment, dev, "server.address", property(environment, "server.address"));
            String managementPort = property(environment, "management.server.port");
            if (!managementPort.isBlank() && !managementPort.equals(property(environment, "server.port"))) {
                checkSandboxAddress(environment, dev, "management.server.address",
                        property(environment, "management.server.address"));
            }
        }
    }

    private static void checkSandboxAddress(Environment environment, SandboxProperties dev, String property,
            String address) {
        if (isLoopback(address)) {
            return;
        }
        String where = address.isBlank() ? "every network interface (" + property + " is empty)" : address;
        if (dev.exposeSandbox()) {
            log.warn("provisioning.dev.expose-sandbox=true: the sandbox listens on {}. Anyone who can reach it can "
                    + "read every temporary password at /dev/outbox and take over any invited admin. Use it only on "
                    + "a network where that is acceptable; never with real accounts.", where);
            return;
        }
        throw new StartupRefusedException("The default profile (the local sandbox: in-memory Cognito pool, "
                + "GET /dev/outbox with every temporary password, the bootstrap password in the log) is set to listen on "
                + where + ", not on loopback.",
                "Unset " + envName(property) + " (the sandbox binds 127.0.0.1), or set "
                + "PROVISIONING_DEV_EXPOSE_SANDBOX=true to expose it on purpose, or run the production profiles "
                + "(SPRING_PROFILES_ACTIVE=cognito,postgres), which listen on every interface.");
    }

    static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        try {
            InetAddress resolved = InetAddress.getByName(address.trim());
            return resolved.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;  // Tomcat could not bind it either; refused with the name in the message
        }
    }

    /** Embedded databases that live and die with the process; a blank URL means Boot embeds one. */
    static boolean isInMemory(String url) {
        String jdbc = url.trim().toLowerCase(Locale.ROOT);
        return jdbc.isEmpty() || jdbc.startsWith("jdbc:h2:mem:") || jdbc.startsWith("jdbc:hsqldb:mem:")
                || jdbc.startsWith("jdbc:derby:memory:");
    }

    private static String property(Environment environment, String name) {
        try {
            String value = environment.getProperty(name);
            return value == null ? "" : value;
        } catch (IllegalArgumentException unresolvable) {
            return "";
        }
    }

    /** The URL without its query string, which may hold a password. */
    private static String describe(String url) {
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query);
        int semicolon = shown.indexOf(';');
        return semicolon < 0 ? shown : shown.substring(0, semicolon);
    }

    private static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }
}
