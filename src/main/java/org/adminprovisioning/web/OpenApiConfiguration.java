package org.adminprovisioning.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}), committed as
 * {@code docs/openapi.json}. Every operation's error answers come from one table, {@link ApiProblems}:
 * its success statuses, and per error status the problem types it may carry, each with an example;
 * only operations for admins carry the security requirement. SCIM ({@code /scim/**}, its own schema
 * endpoints) and {@code /error} are left out ({@code springdoc.paths-to-exclude}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenAPI adminProvisioningOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Admin Provisioning Service")
                        .description("Creates administrators in Amazon Cognito and in our database: both or neither. "
                                + "Errors are RFC 9457 problems with type https://adminprovisioning.org/problems/<slug>.")
                        .version("v1"))
                // Relative, so the committed description does not depend on where it was generated.
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components().addSecuritySchemes("cognito",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A Cognito access token of an admin (POST /auth/login)")));
    }

    /**
     * Writes {@link ApiProblems} into every operation of the description: its success statuses (springdoc
     * sees a {@code ResponseEntity} as 200), its problems, and the admin's token where it needs one.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            // Here rather than on the bean: springdoc drops the bean's schemas that no operation refers to yet.
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> ApiProblems.of(method.name() + " " + path).ifPresent(row -> {
                    ApiResponses responses = successes(operation.getResponses(), row.successes());
                    problemResponses(ApiProblems.problemsOf(method.name() + " " + path, row))
                            .forEach(responses::addApiResponse);
                    operation.setResponses(responses);
                    if (row.caller() == ApiProblems.Caller.ADMIN) {
                        operation.addSecurityItem(new SecurityRequirement().addList("cognito"));
                    }
                })));
        };
    }

    /** The generated 200, under each of the row's success statuses (without a body for a 204). */
    private static ApiResponses successes(ApiResponses generated, List<Integer> statuses) {
        ApiResponse ok = generated == null ? null : generated.get("200");
        ApiResponses responses = new ApiResponses();
        for (int status : statuses) {
            ApiResponse success = new ApiResponse().description(status == 204 ? "No Content"
                    : status == 202 ? "Accepted" : status == 201 ? "Created" : "OK");
            if (ok != null && status != 204) {
                success.content(ok.getContent());
            }
            responses.addApiResponse(String.valueOf(status), success);
        }
        return responses;
    }

    /** One response per status, naming its problem types, with one example of each. */
    private static Map<String, ApiResponse> problemResponses(List<ProblemType> problems) {
        Map<Integer, List<ProblemType>> byStatus = problems.stream().collect(Collectors.groupingBy(
                type -> type.status().value(), TreeMap::new, Collectors.toList()));
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        byStatus.forEach((status, types) -> {
            MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
            types.forEach(type -> problem.addExamples(type.slug(), new Example().summary(type.title())
                    .value(Map.of("type", type.uri().toString(), "title", type.title(), "status", status))));
            responses.put(String.valueOf(status), new ApiResponse()
                    .description(types.stream().map(ProblemType::slug).collect(Collectors.joining(", ")))
                    .content(new Content().addMediaType(PROBLEM_JSON, problem)));
        });
        return responses;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().format("uri")
                        .description("https://adminprovisioning.org/problems/<slug>: stable, part of the API"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong, for a person to read"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("requestId", new StringSchema()
                        .description("The request's id, also in X-Request-Id and in the service's log lines"))
                .required(List.of("type", "title", "status"));
    }
}
