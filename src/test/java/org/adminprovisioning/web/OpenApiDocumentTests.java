package org.adminprovisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.adminprovisioning.EndToEndTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@code docs/openapi.json} is the live description, and the description documents every endpoint with
 * its problem types. When an endpoint changes, regenerate the file:
 * {@code ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true} (then review the diff).
 */
class OpenApiDocumentTests extends EndToEndTestSupport {

    private static final Path COMMITTED = Path.of("docs", "openapi.json");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private String live;

    @BeforeEach
    void liveDescription() throws Exception {
        live = perform(get("/v3/api-docs")).getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theCommittedDescription_isTheLiveOne() throws Exception {
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, live.strip() + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
        JsonNode committed = json.readTree(Files.readString(COMMITTED));
        JsonNode current = json.readTree(live);

        assertThat(committed).as("docs/openapi.json differs from /v3/api-docs in %s. Regenerate it: "
                + "./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true", differences(committed, current))
                .isEqualTo(current);
    }

    @Test
    void everyOperation_documentsItsProblems_fromTheTable() throws Exception {
        JsonNode spec = json.readTree(live);
        List<String> withoutProblems = new ArrayList<>();
        for (String operation : operations(spec)) {
            JsonNode responses = operationNode(spec, operation).path("responses");
            boolean problems = responses.properties().stream()
                    .anyMatch(response -> response.getKey().matches("[45]\\d\\d")
                            && response.getValue().path("content").has("application/problem+json"));
            if (!problems || ApiProblems.of(operation).isEmpty()) {
                withoutProblems.add(operation);
            }
        }

        assertThat(withoutProblems).as("operations without a row in web/ApiProblems").isEmpty();
        assertThat(operations(spec)).as("every row of web/ApiProblems is a live operation")
                .containsAll(ApiProblems.rows().keySet());
    }

    @Test
    void anAdminsOperation_listsEveryProblemItMayAnswer_withAnExampleOfEach() throws Exception {
        JsonNode create = operationNode(json.readTree(live), "POST /admins");

        assertThat(create.path("responses").path("409").path("description").asString())
                .isEqualTo("admin-exists, provisioning-in-progress");
        JsonNode examples = create.path("responses").path("503").path("content").path("application/problem+json")
                .path("examples");
        assertThat(names(examples)).containsExactlyInAnyOrder("cognito-unavailable", "email-quota-exceeded",
                "provisioning-rolled-back", "provisioning-interrupted", "database-unavailable");
        assertThat(examples.path("cognito-unavailable").path("value").path("type").asString())
                .isEqualTo(PROBLEM + "cognito-unavailable");
        assertThat(names(create.path("responses"))).contains("201", "401", "403", "413").doesNotContain("200");
        assertThat(create.path("security").toString()).isEqualTo("[{\"cognito\":[]}]");
    }

    @Test
    void signingIn_needsNoToken_andScimAndTheErrorPage_areLeftOut() throws Exception {
        JsonNode spec = json.readTree(live);

        assertThat(operationNode(spec, "POST /auth/login").has("security")).isFalse();
        assertThat(names(operationNode(spec, "DELETE /admins/{id}").path("responses"))).contains("204", "202");
        assertThat(operations(spec))
                .noneMatch(operation -> operation.contains(" /scim") || operation.endsWith(" /error"));
        assertThat(spec.path("components").path("schemas").path("Problem").path("properties").has("requestId"))
                .isTrue();
    }

    /** The operations that differ, and "components" or "info" when those do: where to look in the diff. */
    private static Set<String> differences(JsonNode committed, JsonNode live) {
        Set<String> differing = new TreeSet<>();
        Set<String> all = new TreeSet<>(operations(committed));
        all.addAll(operations(live));
        all.stream().filter(operation -> !operationNode(committed, operation).equals(operationNode(live, operation)))
                .forEach(differing::add);
        for (String part : new String[] {"components", "info", "servers", "openapi"}) {
            if (!committed.path(part).equals(live.path(part))) {
                differing.add(part);
            }
        }
        return differing;
    }

    private static Set<String> operations(JsonNode spec) {
        Set<String> operations = new TreeSet<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .map(Map.Entry::getKey).filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private static JsonNode operationNode(JsonNode spec, String operation) {
        String[] parts = operation.split(" ", 2);
        return spec.path("paths").path(parts[1]).path(parts[0].toLowerCase());
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
