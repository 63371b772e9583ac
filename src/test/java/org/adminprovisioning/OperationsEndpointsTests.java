package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;

import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * What operators get from the actuator on the API port (docs/operations.md): health with {@code db}
 * and {@code cognito} for admins and the bare status for everyone; liveness without peers, readiness
 * with the database but not Cognito; {@code /actuator/prometheus} for admins only, with the engine's
 * metrics once something happened.
 */
class OperationsEndpointsTests extends EndToEndTestSupport {

    @Test
    void health_showsTheDatabaseAndTheCognitoPool_toAnAdmin() throws Exception {
        JsonNode health = body(perform(getWith("/actuator/health", token)));

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        JsonNode cognitoHealth = health.path("components").path("cognito");
        assertThat(cognitoHealth.path("status").asString()).isEqualTo("UP");
        assertThat(cognitoHealth.path("details").path("userPoolId").asString()).isEqualTo("us-east-1_LocalPool01");
        assertThat(cognitoHealth.path("details").path("estimatedUsers").asLong()).isPositive();
    }

    @Test
    void health_showsOnlyTheStatus_toAnyoneElse() throws Exception {
        MvcResult result = perform(getWith("/actuator/health", null));

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(result).path("status").asString()).isEqualTo("UP");
        assertThat(names(body(result))).doesNotContain("components", "details");
    }

    @Test
    void liveness_isTheProcessAlone_andReadinessAddsTheDatabaseButNotCognito() throws Exception {
        JsonNode liveness = body(perform(getWith("/actuator/health/liveness", token)));
        JsonNode readiness = body(perform(getWith("/actuator/health/readiness", token)));

        assertThat(names(liveness.path("components"))).containsExactly("livenessState");
        assertThat(names(readiness.path("components"))).containsExactlyInAnyOrder("readinessState", "db");
    }

    @Test
    void aCognitoOutage_marksCognitoDown_whileReadinessStaysUp() throws Exception {
        doThrow(new CognitoUnavailableException("DescribeUserPool failed: InternalErrorException (500): boom", null))
                .when(cognito).describePool();
        clock.advance(Duration.ofMinutes(1)); // past the indicator's cached answer

        MvcResult health = perform(getWith("/actuator/health", token));
        MvcResult readiness = perform(getWith("/actuator/health/readiness", null));

        assertThat(health.getResponse().getStatus()).isEqualTo(503);
        JsonNode cognitoHealth = body(health).path("components").path("cognito");
        assertThat(cognitoHealth.path("status").asString()).isEqualTo("DOWN");
        assertThat(cognitoHealth.path("details").path("error").asString()).contains("InternalErrorException");
        assertThat(readiness.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void prometheus_needsAnAdminsToken_onTheApiPort() throws Exception {
        assertThat(perform(get("/actuator/prometheus")).getResponse().getStatus()).isEqualTo(401);
        assertThat(perform(getWith("/actuator/prometheus", token)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void prometheus_showsOperationsSagaStepsBacklogAndDrift_afterTheyHappen() throws Exception {
        invite(token, uniqueEmail("metrics"));
        assertThat(perform(getWith("/admins/reconciliation", token)).getResponse().getStatus()).isEqualTo(200);

        String scrape = perform(getWith("/actuator/prometheus", token).header(HttpHeaders.ACCEPT, "text/plain"))
                .getResponse().getContentAsString();

        assertThat(scrape).containsPattern(
                "provisioning_operations_seconds_count\\{[^}]*operation=\"provision\"[^}]*outcome=\"completed\"")
                .containsPattern("provisioning_saga_step_seconds_count\\{[^}]*operation=\"provision\"[^}]*"
                        + "outcome=\"succeeded\"[^}]*step=\"cognito-create\"")
                .containsPattern("provisioning_saga_step_seconds_count\\{[^}]*step=\"database\"")
                .containsPattern("provisioning_reconciler_backlog\\{[^}]*state=\"started\"[^}]*} \\d")
                .containsPattern("provisioning_drift_entries\\{[^}]*kind=\"ghost-cognito-user\"[^}]*} \\d");
    }

    @Test
    void prometheus_countsARefusedOperation_withItsReason() throws Exception {
        String email = uniqueEmail("metrics-twice");
        invite(token, email);
        assertThat(createAdmin(token, email).getResponse().getStatus()).isEqualTo(409);

        String scrape = perform(getWith("/actuator/prometheus", token)).getResponse().getContentAsString();

        assertThat(scrape).containsPattern("provisioning_operations_seconds_count\\{[^}]*operation=\"provision\""
                + "[^}]*outcome=\"failed\"[^}]*reason=\"admin-exists\"");
    }

    private static java.util.List<String> names(JsonNode object) {
        return object.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
