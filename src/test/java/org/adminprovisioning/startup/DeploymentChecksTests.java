package org.adminprovisioning.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which deployments start (docs/security.md): the sandbox on loopback over its in-memory database, and a
 * real pool over a persistent one. Everything else is refused with what to set instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeploymentChecksTests {

    private static final String H2 = "jdbc:h2:mem:adminprovisioning;DB_CLOSE_DELAY=-1";
    private static final String POSTGRES = "jdbc:postgresql://db.internal:5432/admins?password=secret";

    private static MockEnvironment sandbox() {
        return new MockEnvironment().withProperty("spring.datasource.url", H2)
                .withProperty("server.address", "127.0.0.1");
    }

    private static MockEnvironment profiles(String... profiles) {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", POSTGRES);
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void theSandbox_onLoopback_overItsInMemoryDatabase_starts() {
        assertThatCode(() -> DeploymentChecks.check(sandbox())).doesNotThrowAnyException();
        assertThatCode(() -> DeploymentChecks.check(sandbox().withProperty("server.address", "localhost")))
                .doesNotThrowAnyException();
        assertThatCode(() -> DeploymentChecks.check(sandbox().withProperty("server.address", "::1")))
                .doesNotThrowAnyException();
    }

    @Test
    void production_cognitoOverPostgres_startsOnEveryInterface() {
        assertThatCode(() -> DeploymentChecks.check(profiles("cognito", "postgres"))).doesNotThrowAnyException();
    }

    @Test
    void theSandbox_onAnyOtherAddress_isRefused_namingTheOptIn() {
        for (String address : new String[] {"0.0.0.0", "192.0.2.10", "::", ""}) {
            assertThatThrownBy(() -> DeploymentChecks.check(sandbox().withProperty("server.address", address)))
                    .as(address).isInstanceOf(StartupRefusedException.class)
                    .hasMessageContaining("not on loopback")
                    .satisfies(e -> assertThat(((StartupRefusedException) e).action())
                            .contains("PROVISIONING_DEV_EXPOSE_SANDBOX=true", "Unset SERVER_ADDRESS"));
        }
    }

    @Test
    void theSandbox_withItsManagementPortOnAllInterfaces_isRefusedToo() {
        MockEnvironment environment = sandbox().withProperty("management.server.port", "9090");

        assertThatThrownBy(() -> DeploymentChecks.check(environment)).isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("every network interface (management.server.address is empty)");
        assertThatCode(() -> DeploymentChecks.check(environment.withProperty("management.server.address",
                "127.0.0.1"))).doesNotThrowAnyException();
    }

    @Test
    void exposingTheSandbox_onPurpose_startsWithAWarning(CapturedOutput output) {
        MockEnvironment environment = sandbox().withProperty("server.address", "0.0.0.0")
                .withProperty("provisioning.dev.expose-sandbox", "true");

        assertThatCode(() -> DeploymentChecks.check(environment)).doesNotThrowAnyException();
        assertThat(output).contains("WARN").contains("the sandbox listens on 0.0.0.0")
                .contains("read every temporary password at /dev/outbox");
    }

    @Test
    void postgresAlone_isRefused_becauseTheInMemoryPoolWouldForgetWhatTheDatabaseKeeps() {
        assertThatThrownBy(() -> DeploymentChecks.check(profiles("postgres")))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("select no Cognito user pool")
                .hasMessageContaining("as postgres alone would")
                .satisfies(e -> assertThat(((StartupRefusedException) e).action())
                        .contains("SPRING_PROFILES_ACTIVE=cognito,postgres"));
    }

    @Test
    void anUnknownProfileAlone_isRefused_ratherThanRunningWithoutAPool() {
        assertThatThrownBy(() -> DeploymentChecks.check(profiles("json-logs")))
                .isInstanceOf(StartupRefusedException.class).hasMessageContaining("[json-logs]");
    }

    @Test
    void cognitoOverAnInMemoryDatabase_isRefused_namingPostgresAndTheUrl() {
        MockEnvironment environment = profiles("cognito").withProperty("spring.datasource.url", H2);

        assertThatThrownBy(() -> DeploymentChecks.check(environment)).isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("over an in-memory database (jdbc:h2:mem:adminprovisioning)")
                .hasMessageContaining("users in the pool that nothing here knows of")
                .satisfies(e -> assertThat(((StartupRefusedException) e).action())
                        .contains("SPRING_PROFILES_ACTIVE=cognito,postgres", "SPRING_DATASOURCE_URL"));
    }

    @Test
    void theSandboxOverAPersistentDatabase_isRefused_withoutShowingTheUrlsQuery() {
        MockEnvironment environment = sandbox().withProperty("spring.datasource.url", POSTGRES);

        assertThatThrownBy(() -> DeploymentChecks.check(environment)).isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("over a persistent database (jdbc:postgresql://db.internal:5432/admins)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void thePostgresProfile_withoutSpringDatasourceUrl_isRefused_insteadOfFallingBackToATestDatabase() {
        MockEnvironment environment = profiles("cognito", "postgres").withProperty("spring.datasource.url", "");

        assertThatThrownBy(() -> DeploymentChecks.check(environment)).isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL is not set");
        assertThatThrownBy(() -> DeploymentChecks.check(profiles("cognito", "postgres")
                .withProperty("spring.datasource.url", "${SPRING_DATASOURCE_URL}")))
                .isInstanceOf(StartupRefusedException.class).hasMessageContaining("SPRING_DATASOURCE_URL is not set");
    }

    @Test
    void disposableState_letsTestSuitesCombineThrowawayPoolsAndDatabases_butNotExposeTheSandbox() {
        assertThatCode(() -> DeploymentChecks.check(profiles("cognito").withProperty("spring.datasource.url", H2)
                .withProperty("provisioning.dev.disposable-state", "true"))).doesNotThrowAnyException();
        assertThatCode(() -> DeploymentChecks.check(sandbox().withProperty("spring.datasource.url", POSTGRES)
                .withProperty("provisioning.dev.disposable-state", "true"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> DeploymentChecks.check(sandbox().withProperty("server.address", "0.0.0.0")
                .withProperty("provisioning.dev.disposable-state", "true")))
                .isInstanceOf(StartupRefusedException.class);
    }
}
