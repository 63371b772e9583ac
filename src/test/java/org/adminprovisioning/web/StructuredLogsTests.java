package org.adminprovisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.adminprovisioning.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One property turns the console into JSON lines (docs/operations.md): the service started as an
 * operator would, with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, logs every line as an ECS JSON
 * object, a request's lines with its {@code requestId}, and no password.
 */
class StructuredLogsTests {

    private static final String WRONG_PASSWORD = "Wrong-Structured-Passw0rd!";

    @Test
    void ecsFormat_writesJsonLines_carryingTheRequestId_andNoPassword() throws Exception {
        Map<String, String> environment = Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                "PROVISIONING_BOOTSTRAP_ADMIN_PASSWORD", "Structured-Bootstrap-Passw0rd!",
                // Spring MVC's request logging at DEBUG: every request logs lines of its own.
                "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_SERVLET_MVC_METHOD_ANNOTATION", "DEBUG");
        try (ServiceProcess service = ServiceProcess.start("structured-logs", environment)
                .awaitHealthy(Duration.ofSeconds(120))) {
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/auth/login"))
                    .header("Content-Type", "application/json").header("X-Request-Id", "structured-42")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin@example.com\",\"password\":\""
                            + WRONG_PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            String log = service.log();

            JsonMapper json = JsonMapper.builder().build();
            List<String> lines = log.lines().filter(line -> line.startsWith("{")).toList();
            assertThat(lines).as("JSON lines in:\n%s", log).hasSizeGreaterThan(10);
            assertThat(log.lines().filter(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*"))).as("plain log lines")
                    .isEmpty();
            List<JsonNode> ofTheRequest = lines.stream().map(json::readTree)
                    .filter(line -> "structured-42".equals(line.path("requestId").asString(null))).toList();
            assertThat(ofTheRequest).as("lines of the request").isNotEmpty()
                    .allSatisfy(line -> assertThat(line.has("@timestamp")).isTrue());
            assertThat(log).doesNotContain(WRONG_PASSWORD).doesNotContain("Structured-Bootstrap-Passw0rd!");
        }
    }
}
