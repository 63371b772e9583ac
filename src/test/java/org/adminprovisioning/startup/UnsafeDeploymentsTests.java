package org.adminprovisioning.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.adminprovisioning.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Profiles that cannot work together refuse to start (docs/security.md), as real processes started the
 * way an operator would, with a message that says what to set, before a database is touched or a
 * port is bound.
 */
class UnsafeDeploymentsTests {

    private static final Duration EXIT = Duration.ofSeconds(90);
    private static final Map<String, String> A_POOL = Map.of("COGNITO_USER_POOL_ID", "eu-west-1_AbCdEf123",
            "COGNITO_CLIENT_ID", "app-client", "AWS_REGION", "eu-west-1");

    private static String refusal(String name, Map<String, String> environment) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(name, environment)) {
            assertThat(service.awaitExit(EXIT)).as("exit code of %s", name).isNotZero();
            String log = service.log();
            assertThat(log).contains("APPLICATION FAILED TO START")
                    // Refused before the connection pool, Flyway or Tomcat started.
                    .doesNotContain("HikariPool-1 - Start").doesNotContain("Migrating schema")
                    .doesNotContain("Tomcat started");
            return log;
        }
    }

    @Test
    void postgresAlone_refusesToStart_becauseTheInMemoryPoolWouldForgetTheUsersThatTheDatabaseKeeps()
            throws Exception {
        String log = refusal("postgres-alone", Map.of("SPRING_PROFILES_ACTIVE", "postgres",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));

        assertThat(log).contains("select no Cognito user pool").contains("as postgres alone would")
                .contains("SPRING_PROFILES_ACTIVE=cognito,postgres");
    }

    @Test
    void cognitoAlone_refusesToStart_becauseTheJournalWouldVanishWhileThePoolKeepsItsUsers() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(A_POOL);
        environment.put("SPRING_PROFILES_ACTIVE", "cognito");

        String log = refusal("cognito-alone", environment);

        assertThat(log).contains("The cognito profile is active over an in-memory database (jdbc:h2:mem:")
                .contains("Add the postgres profile (SPRING_PROFILES_ACTIVE=cognito,postgres) and set "
                        + "SPRING_DATASOURCE_URL");
    }

    @Test
    void thePostgresProfile_withoutSpringDatasourceUrl_refusesToStart_insteadOfUsingATestDatabase() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(A_POOL);
        environment.put("SPRING_PROFILES_ACTIVE", "cognito,postgres");

        String log = refusal("postgres-without-url", environment);

        assertThat(log).contains("SPRING_DATASOURCE_URL is not set").contains("Set SPRING_DATASOURCE_URL");
    }

    @Test
    void theSandbox_overAPersistentDatabase_refusesToStart() throws Exception {
        String log = refusal("sandbox-over-postgres",
                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));

        assertThat(log).contains("over a persistent database (jdbc:postgresql://127.0.0.1:5432/test)")
                .contains("Leave spring.datasource.url (SPRING_DATASOURCE_URL) unset for the sandbox");
    }
}
