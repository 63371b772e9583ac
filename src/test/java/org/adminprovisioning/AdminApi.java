package org.adminprovisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the service's HTTP API, as a frontend would call it. */
public final class AdminApi {

    public static final String BOOTSTRAP_EMAIL = EndToEndTestSupport.BOOTSTRAP_EMAIL;
    public static final String BOOTSTRAP_PASSWORD = EndToEndTestSupport.BOOTSTRAP_PASSWORD;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final JsonMapper json = JsonMapper.builder().build();

    public AdminApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public AdminApi(String base) {
        this.base = base;
    }

    public record Reply(int status, Map<String, java.util.List<String>> headers, JsonNode body, String raw) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String problemType() {
            return body == null || !body.has("type") ? null
                    : body.get("type").asString().substring("https://adminprovisioning.org/problems/".length());
        }
    }

    /** Signs in and returns the access token. */
    public String login(String username, String password) {
        Reply reply = post("/auth/login", Map.of("username", username, "password", password), null);
        if (reply.status() != 200 || !reply.body().has("accessToken")) {
            throw new IllegalStateException("Login of " + username + " failed: " + reply.status() + " " + reply.raw());
        }
        return reply.body().get("accessToken").asString();
    }

    public String loginAsBootstrapAdmin() {
        return login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
    }

    public Reply createAdmin(String token, String email, String idempotencyKey) {
        return idempotencyKey == null ? post("/admins", Map.of("email", email), token)
                : post("/admins", Map.of("email", email), token, Map.of("Idempotency-Key", idempotencyKey));
    }

    public Reply post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    public Reply post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? null : json.readTree(raw);
            return new Reply(response.statusCode(), response.headers().map(), body, raw);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
