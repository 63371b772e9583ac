package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.nimbusds.jose.jwk.RSAKey;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded fuzzing of the whole perimeter over real HTTP: every endpoint the service maps (read from
 * Spring MVC, so endpoints added later are fuzzed too) and the sandbox's public tools, with random
 * methods, paths, query strings, headers, bodies (well-formed with hostile values, malformed,
 * oversized, binary) and forged tokens ({@link ForgedTokens}). Whatever comes in:
 * <ul>
 * <li>the answer is never a 5xx, and every error is an RFC 9457 problem with our type — under
 * {@code /scim}, SCIM's own error message instead (docs/scim.md);</li>
 * <li>nothing is written: no user, admin record or journal row; the audit trail gains only
 * {@code anonymous} failed sign-ins; the pool gains no user.</li>
 * </ul>
 * {@code -Dadminprovisioning.fuzz.seed=} and {@code -Dadminprovisioning.fuzz.cases=} replay or
 * lengthen a run; every failure names its case's seed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:fuzz-${random.uuid};DB_CLOSE_DELAY=-1",
    "provisioning.bootstrap-admin.email=" + PerimeterFuzzTests.ADMIN,
    "provisioning.bootstrap-admin.password=" + PerimeterFuzzTests.PASSWORD,
    "provisioning.reconciler.enabled=false",
    "spring.main.banner-mode=off"
})
// A configuration of its own, used by no other suite: closed when done rather than cached.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PerimeterFuzzTests {

    static final String ADMIN = "fuzz.admin@example.com";
    static final String PASSWORD = "Fuzz-Admin-Passw0rd!";
    private static final String PROBLEM = "https://adminprovisioning.org/problems/";
    private static final long SEED = Long.getLong("adminprovisioning.fuzz.seed", 20261201L);
    private static final int CASES = Integer.getInteger("adminprovisioning.fuzz.cases", 600);
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String[] FIELDS = {"username", "password", "temporaryPassword", "newPassword", "email",
        "session", "code", "refreshToken", "entry", "id", "action", "emails", "challenge"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json;charset=UTF-8",
        "application/problem+json", "text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "text/csv", "application/json;charset=UTF-16", "*/*", "garbage",
        "application/json; charset=nonsense"};
    private static final String SPECIAL = "\"'\\<>{}%$;&|`";
    private static final String[] ACCEPTS = {"application/json", "*/*", "application/xml", "text/html",
        "application/problem+json", "image/png", "garbage", "application/json;q=0"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InMemoryUserPool pool;

    @Autowired
    InMemoryTokenIssuer issuer;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One request of the run, reproducible from its seed. */
    private record Case(long seed, String method, String path, Map<String, String> headers, byte[] body,
            String token, String bodyKind) {

        @Override
        public String toString() {
            String shown = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return "seed " + seed + ": " + method + " " + abbreviate(path) + " token=" + token + " body=" + bodyKind
                    + " (" + body.length + " bytes: " + shown.replaceAll("\\p{Cntrl}", "?") + ")" + " headers="
                    + headerValues();
        }

        private String headerValues() {
            StringBuilder shown = new StringBuilder("{");
            headers.forEach((name, value) -> shown.append(name).append('=').append(value.length() <= 60 ? value
                    : value.substring(0, 60) + "…").append("; "));
            return shown.append('}').toString();
        }
    }

    @Test
    void noRequestWhatsoever_getsA5xx_orAnythingButAProblem_orChangesAnything() throws Exception {
        ForgedTokens forged = new ForgedTokens(RSAKey.parse(issuer.jwkSet().getKeys().get(0).toJSONObject()),
                realAdminToken());
        List<String> endpoints = endpoints();
        Map<String, Long> before = counts();
        int poolSize = pool.size();
        long auditBefore = count("SELECT COUNT(*) FROM audit_events");
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        System.out.printf("PerimeterFuzzTests: %d cases, seeds %d to %d, over %d endpoints %s%n", CASES, SEED,
                SEED + CASES - 1, endpoints.size(), endpoints);

        for (int i = 0; i < CASES; i++) {
            Case request = randomCase(SEED + i, endpoints, forged);
            HttpResponse<byte[]> response;
            try {
                response = send(request);
            } catch (IllegalArgumentException clientRefusedToSend) {
                continue;  // a header value java.net.http will not put on the wire
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = check(request, response);
            if (problem != null) {
                failures.add(problem + " <- " + request);
            }
        }

        System.out.println("PerimeterFuzzTests: statuses " + statuses);
        assertThat(failures).as("cases that broke the perimeter's promises").isEmpty();
        assertThat(counts()).as("users, admin records and journal rows").isEqualTo(before);
        assertThat(pool.size()).as("users in the pool").isEqualTo(poolSize);
        assertThat(jdbc.queryForList("SELECT actor, action, outcome FROM audit_events ORDER BY at")
                .subList((int) auditBefore, (int) count("SELECT COUNT(*) FROM audit_events")))
                .as("audit events the run wrote: anonymous failed sign-ins only")
                .allSatisfy(event -> {
                    assertThat(event.get("ACTOR") == null ? event.get("actor") : event.get("ACTOR"))
                            .isEqualTo("anonymous");
                    assertThat(String.valueOf(event.get("OUTCOME") == null ? event.get("outcome")
                            : event.get("OUTCOME"))).isEqualTo("REFUSED");
                });
    }

    @Test
    void requestsTomcatItselfRefuses_areAnsweredWithAProblemToo() throws Exception {
        String[] raw = {
            "GET /admins/%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /admins/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /admins/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /admins/%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /admins HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "A".repeat(20_000) + "\r\n\r\n",
            "GET /auth/login?" + "a=b&".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /admins HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
            "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
            "POST /auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "GET /admins HTTP/1.1\r\nHost: x\r\nX-Null: a\u0000b\r\n\r\n",
        };
        List<String> failures = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (String request : raw) {
            RawHttp.Answer answer;
            try {
                answer = RawHttp.exchange(port, request);
            } catch (java.io.IOException closedWithoutAnswer) {
                answered.add(-1);
                continue;  // dropping a connection that is no HTTP is an answer too
            }
            answered.add(answer.status());
            boolean problem = answer.status() >= 400 && answer.status() < 500
                    && String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")
                    && json.readTree(answer.body()).path("type").asString().startsWith(PROBLEM);
            if (!problem) {
                failures.add(answer.status() + " " + answer.header("Content-Type") + " " + abbreviate(answer.body())
                        + " <- " + abbreviate(request.replace("\r\n", "⏎")));
            }
        }
        System.out.println("PerimeterFuzzTests: malformed HTTP answered " + answered + " (-1: connection closed)");
        assertThat(failures).isEmpty();
        assertThat(answered).filteredOn(status -> status > 0).hasSizeGreaterThan(raw.length / 2);
    }

    /** What is wrong with the answer, or {@code null} when it keeps every promise. */
    private String check(Case request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "answered " + status;
        }
        if (status < 400 || "HEAD".equals(request.method())) {
            return null;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (request.path().startsWith("/scim") && contentType.startsWith("application/scim+json")) {
            return scimError(status, response);
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "answered " + status + " as " + contentType + ": " + abbreviate(new String(response.body(),
                    StandardCharsets.UTF_8));
        }
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (RuntimeException notJson) {
            return "answered " + status + " with a problem that is no JSON";
        }
        if (!problem.path("type").asString().startsWith(PROBLEM) || problem.path("status").asInt() != status
                || problem.path("title").asString().isBlank()) {
            return "answered " + status + " with " + abbreviate(problem.toString());
        }
        return null;
    }

    /** SCIM's error message (RFC 7644 §3.12), which {@code /scim} answers instead of a problem. */
    private String scimError(int status, HttpResponse<byte[]> response) {
        JsonNode error;
        try {
            error = json.readTree(response.body());
        } catch (RuntimeException notJson) {
            return "answered " + status + " with a SCIM error that is no JSON";
        }
        if (!"urn:ietf:params:scim:api:messages:2.0:Error".equals(error.path("schemas").path(0).asString())
                || !String.valueOf(status).equals(error.path("status").asString())
                || error.path("detail").asString().isBlank()) {
            return "answered " + status + " with " + abbreviate(error.toString());
        }
        return null;
    }

    private Case randomCase(long seed, List<String> endpoints, ForgedTokens forged) throws Exception {
        Random random = new Random(seed);
        String endpoint = endpoints.get(random.nextInt(endpoints.size()));
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        if (random.nextInt(5) == 0) {
            method = METHODS[random.nextInt(METHODS.length)];
        }
        String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1), random) + query(random);
        Map<String, String> headers = new LinkedHashMap<>();
        ForgedTokens.Forged token = forged.any(random);
        if (token.authorization() != null) {
            headers.put("Authorization", token.authorization());
        }
        // Mostly JSON, so most bodies reach the parsers; the rest tries every other kind of claim.
        headers.put("Content-Type", random.nextInt(3) > 0 ? "application/json"
                : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        if (random.nextBoolean()) {
            headers.put("Accept", ACCEPTS[random.nextInt(ACCEPTS.length)]);
        }
        if (random.nextInt(3) == 0) {
            headers.put("Idempotency-Key", text(random, random.nextInt(4) == 0 ? 300 : 40, true));
        }
        if (random.nextInt(4) == 0) {
            headers.put("X-Forwarded-For", random.nextBoolean() ? text(random, 30, true)
                    : random.nextInt(256) + "." + random.nextInt(256) + ".0.1, 10.0.0.1");
        }
        if (random.nextInt(6) == 0) {
            headers.put("Origin", random.nextBoolean() ? "https://evil.example" : text(random, 20, true));
        }
        if (random.nextInt(6) == 0) {
            headers.put("X-" + random.nextInt(100), text(random, 50, true));
        }
        String[] kind = new String[1];
        byte[] body = body(random, kind);
        return new Case(seed, method, path, headers, body, token.name(), kind[0]);
    }

    private byte[] body(Random random, String[] kind) {
        switch (random.nextInt(9)) {
            case 0 -> {
                kind[0] = "empty";
                return new byte[0];
            }
            case 1 -> {
                kind[0] = "malformed JSON";
                String[] broken = {"{", "[", "{\"username\":", "{\"username\":\"a\",}", "{'username':'a'}",
                    "{\"username\":\"a\" /* c */}", "null", "\"just a string\"", "12345678901234567890",
                    "{\"username\":\"a\",\"username\":\"b\"}", "\uFEFF{\"username\":\"a\"}", "{\"a\":NaN}",
                    "[" .repeat(60) + "]".repeat(60), "{\"x\":" + "{\"x\":".repeat(50) + "1" + "}".repeat(51),
                    "{\"username\":\"\\ud800\"}", "{\"username\":\"\\u0000\"}", "]", "true"};
                return broken[random.nextInt(broken.length)].getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                kind[0] = "binary";
                byte[] bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 3 -> {
                kind[0] = "oversized";
                byte[] bytes = new byte[64 * 1024 + 1 + random.nextInt(32 * 1024)];
                java.util.Arrays.fill(bytes, (byte) ' ');
                return bytes;
            }
            case 4 -> {
                kind[0] = "form";
                return ("username=" + URLEncoder.encode(text(random, 30, false), StandardCharsets.UTF_8)
                        + "&password=x&email=%zz").getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                kind[0] = "JSON with huge values";
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(FIELDS[random.nextInt(FIELDS.length)], "a".repeat(17_000 + random.nextInt(20_000)));
                fields.put("username", text(random, 300, false));
                return json.writeValueAsBytes(fields);
            }
            default -> {
                kind[0] = "JSON with hostile values";
                Map<String, Object> fields = new LinkedHashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    fields.put(random.nextInt(4) == 0 ? text(random, 10, false) : FIELDS[random.nextInt(FIELDS.length)],
                            value(random, 0));
                }
                return json.writeValueAsBytes(fields);
            }
        }
    }

    private Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 8)) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean();
            case 3 -> random.nextDouble() * 1e300;
            case 4 -> text(random, random.nextInt(3) == 0 ? 260 : 30, false);
            case 5 -> java.util.Arrays.asList(value(random, depth + 1), value(random, depth + 1));
            case 6 -> java.util.Collections.singletonMap("nested", value(random, depth + 1));
            default -> emailLike(random);
        };
    }

    private static String emailLike(Random random) {
        String[] shapes = {"a@b", "admin@example.com", " ADMIN@EXAMPLE.COM ", "a@@b.c", "x\u0000@example.com",
            "ü@exämple.com", "<script>@x.y", "a@b.c\r\nBcc: z@x.y", "@", "' OR 1=1 --@x.y", "%00@x.y",
            "a".repeat(250) + "@x.y"};
        return shapes[random.nextInt(shapes.length)];
    }

    /** Random text: control characters, quotes, Unicode from several planes; header-safe when asked. */
    private static String text(Random random, int maxLength, boolean header) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(header ? 2 : 6)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> header ? 0xA0 + random.nextInt(0x60) : random.nextInt(0x20);
                case 2 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                case 3 -> 0x80 + random.nextInt(0x780);
                case 4 -> 0x4E00 + random.nextInt(0x5000);
                default -> 0x1F600 + random.nextInt(0x50);
            };
            text.appendCodePoint(cp);
        }
        return text.toString();
    }

    private static String fill(String pattern, Random random) {
        String[] ids = {"00000000-0000-0000-0000-000000000000", "not-a-uuid", "%00", "..%2F..%2Fetc%2Fpasswd",
            "%C3%BC", "1", "-1", "%E2%80%AE", "x".repeat(500), "%FF%FE", "a%20b", "%2e%2e"};
        return pattern.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(ids[random.nextInt(ids.length)]));
    }

    private static String query(Random random) {
        if (random.nextInt(3) != 0) {
            return "";
        }
        String[] queries = {"?status=ACTIVE", "?status=NOPE", "?page=-1&size=100000", "?size=abc", "?q=%00",
            "?sort=password", "?to=%C3%BC", "?to=" + "a".repeat(2000), "?a=%zz", "?page=99999999999999999999"};
        return queries[random.nextInt(queries.length)];
    }

    /** {@code "METHOD /path"} for every mapped endpoint, and the sandbox's public tools. */
    private List<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
            }
            for (String path : info.getPatternValues()) {
                methods.forEach(m -> endpoints.add(m + " " + path));
            }
        });
        endpoints.addAll(List.of("GET /actuator/health", "GET /actuator/info", "GET /swagger-ui/index.html",
                "GET /", "GET /no/such/page", "POST /auth/no-such-flow", "GET /auth/login", "GET /error"));
        return new ArrayList<>(endpoints);
    }

    private HttpResponse<byte[]> send(Case request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String realAdminToken() throws Exception {
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ADMIN + "\",\"password\":\""
                        + PASSWORD + "\"}")).build();
        return json.readTree(http.send(login, HttpResponse.BodyHandlers.ofString()).body()).path("accessToken")
                .asString();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"users", "admin_info", "admin_operations"}) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
