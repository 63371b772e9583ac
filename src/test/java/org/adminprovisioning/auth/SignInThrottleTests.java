package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.adminprovisioning.audit.AuditEntry;
import org.adminprovisioning.audit.AuditQuery;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.testsupport.MovableClockConfiguration;
import org.adminprovisioning.testsupport.MutableClock;
import org.adminprovisioning.testsupport.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /auth/*} over real HTTP (docs/security.md): a budget of failed attempts per username and of
 * requests per client, {@code 429 too-many-attempts} with {@code Retry-After} before Cognito is
 * asked, and every failed sign-in audited as {@code anonymous} with the client's address. The test
 * client plays our load balancer (127.0.0.1 is a trusted proxy here), so each test is a client of
 * its own through {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:throttle-${random.uuid};DB_CLOSE_DELAY=-1",
    "provisioning.bootstrap-admin.email=" + SignInThrottleTests.ADMIN,
    "provisioning.bootstrap-admin.password=" + SignInThrottleTests.PASSWORD,
    "provisioning.auth.failed-attempts-per-username=3",
    "provisioning.auth.requests-per-client=8",
    "provisioning.auth.trusted-proxies=127.0.0.1",
    "spring.main.banner-mode=off"
})
@Import(MovableClockConfiguration.class)
// A configuration of its own, used by no other suite: closed when done rather than cached.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SignInThrottleTests {

    static final String ADMIN = "throttled.admin@example.com";
    static final String PASSWORD = "Throttle-Passw0rd!";
    private static final String PROBLEM = "https://adminprovisioning.org/problems/";
    private static final AtomicInteger clients = new AtomicInteger(10);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditTrail audit;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @MockitoSpyBean
    CognitoGateway cognito;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    /** This test's client address, as our (trusted) proxy reports it. */
    private final String client = "203.0.113." + clients.incrementAndGet();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Reply(int status, String retryAfter, JsonNode body) {

        String problemType() {
            return body.path("type").asString().replace(PROBLEM, "");
        }
    }

    @Test
    void afterThreeFailedAttempts_aUsernameIsRefused_evenWithTheRightPassword_withoutAskingCognito() throws Exception {
        String username = "guessed-" + client + "@example.com";
        for (int i = 0; i < 3; i++) {
            assertThat(login(username, "Wrong-Passw0rd-" + i).status()).isEqualTo(401);
        }
        clearInvocations(cognito);

        Reply refused = login(username, "Any-Passw0rd!");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("too-many-attempts");
        assertThat(refused.body().path("detail").asString()).contains("failed sign-in attempts for this username");
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(890L, 900L);
        verify(cognito, times(0)).signIn(anyString(), anyString());
        assertThat(login("someone.else-" + client + "@example.com", "Wrong-Passw0rd!").status())
                .as("another username from the same client").isEqualTo(401);
    }

    @Test
    void theUsernameBudget_isCaseAndSpaceInsensitive_andCountsNewPasswordChallengesToo() throws Exception {
        String username = "mixed-" + client + "@example.com";
        assertThat(login(username.toUpperCase(), "Wrong-1!").status()).isEqualTo(401);
        assertThat(post("/auth/new-password-challenge", Map.of("username", " " + username + " ",
                "temporaryPassword", "Wrong-2!", "newPassword", "Chosen-Passw0rd!")).status()).isEqualTo(401);
        assertThat(login(username, "Wrong-3!").status()).isEqualTo(401);

        assertThat(post("/auth/new-password-challenge", Map.of("username", username, "temporaryPassword", "x",
                "newPassword", "Chosen-Passw0rd!")).status()).isEqualTo(429);
    }

    @Test
    void successfulSignIns_neverCount_andTheBudgetComesBackWhenTheWindowEnds() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login(ADMIN, PASSWORD).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(login(ADMIN, "Wrong-Passw0rd!").status()).isEqualTo(401);
        }
        assertThat(login(ADMIN, PASSWORD).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(15));

        assertThat(login(ADMIN, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aClientHasABudgetOfRequests_thenGets429WithRetryAfter_whileOtherClientsGoOn() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(login("budget-" + i + "@example.com", "Wrong-Passw0rd!").status()).isEqualTo(401);
        }

        Reply refused = login(ADMIN, PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("too-many-attempts");
        assertThat(refused.body().path("detail").asString()).contains("from your address");
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 60L);
        assertThat(login(ADMIN, PASSWORD, "198.51.100.7").status()).as("another client").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        assertThat(login(ADMIN, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void whatAClientWritesIntoXForwardedFor_doesNotBuyItANewBudget() throws Exception {
        for (int i = 0; i < 8; i++) {
            // The client prepends a fresh address each time; our proxy appends the real one.
            assertThat(login("spoof-" + i + "@example.com", "Wrong-Passw0rd!", "10.9.8." + i + ", " + client)
                    .status()).isEqualTo(401);
        }

        assertThat(login(ADMIN, PASSWORD, "10.9.8.200, " + client).status()).isEqualTo(429);
    }

    @Test
    void fromAPeerThatIsNoTrustedProxy_xForwardedForIsIgnored() throws Exception {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Forwarded-For", "192.0.2.99");
        for (int i = 0; i < 8; i++) {
            String body = "{\"username\":\"direct-" + i + "@example.com\",\"password\":\"Wrong-Passw0rd!\"}";
            assertThat(RawHttp.postFrom("127.0.0.2", port, "/auth/login", headers, body).status()).isEqualTo(401);
        }

        String body = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(RawHttp.postFrom("127.0.0.2", port, "/auth/login", headers, body).status()).isEqualTo(429);
        assertThat(login(ADMIN, PASSWORD, "192.0.2.99").status()).as("the address it claimed is untouched")
                .isEqualTo(200);
        assertThat(auditOf("direct-0@example.com")).singleElement()
                .satisfies(event -> assertThat(event.detail()).isEqualTo("POST /auth/login from 127.0.0.2: 401"));
    }

    @Test
    void failedSignIns_areAuditedAsAnonymous_withTheClientsAddress_andNeverThePassword() throws Exception {
        String username = "audited-" + client + "@example.com";
        assertThat(login(username, "Secret-Typed-Passw0rd!").status()).isEqualTo(401);
        assertThat(post("/auth/new-password-challenge", Map.of("username", username,
                "temporaryPassword", "Secret-Temp-Passw0rd!", "newPassword", "Secret-New-Passw0rd!")).status())
                .isEqualTo(401);
        for (int i = 0; i < 2; i++) {
            login(username, "Wrong-Passw0rd!");
        }
        assertThat(login(username, "Wrong-Passw0rd!").status()).isEqualTo(429);

        List<AuditEntry> events = auditOf(username);

        assertThat(events).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anonymous", "SIGN_IN", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("anonymous", "FIRST_LOGIN", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("anonymous", "SIGN_IN", "REFUSED"))
                .as("a throttled request is no sign-in attempt: not audited one by one");
        assertThat(events.get(0).detail()).isEqualTo("POST /auth/login from " + client + ": 401");
        assertThat(events.get(1).detail()).isEqualTo("POST /auth/new-password-challenge from " + client + ": 401");
        assertThat(jdbc.queryForList("SELECT actor, target, detail FROM audit_events")).allSatisfy(event ->
                assertThat(event.get("ACTOR") + " " + event.get("TARGET") + " " + event.get("DETAIL"))
                        .doesNotContain("Secret-"));
    }

    @Test
    void aSuccessfulSignIn_isNotAuditedAsAFailure_andCognitoIsAskedOncePerAttempt() throws Exception {
        assertThat(login(ADMIN, PASSWORD).status()).isEqualTo(200);

        verify(cognito, times(1)).signIn(eq(ADMIN), eq(PASSWORD));
        assertThat(auditOf(ADMIN)).noneMatch(event -> "anonymous".equals(event.actor()));
    }

    /** The audit trail about the target, oldest first. */
    private List<AuditEntry> auditOf(String target) {
        List<AuditEntry> events = new java.util.ArrayList<>(audit.search(AuditQuery.about(target),
                org.springframework.data.domain.PageRequest.of(0, 200)).getContent());
        java.util.Collections.reverse(events);
        return events;
    }

    private Reply login(String username, String password) throws IOException, InterruptedException {
        return login(username, password, client);
    }

    private Reply login(String username, String password, String forwardedFor)
            throws IOException, InterruptedException {
        return post("/auth/login", Map.of("username", username, "password", password), forwardedFor);
    }

    private Reply post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return post(path, body, client);
    }

    private Reply post(String path, Map<String, String> body, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                json.readTree(response.body()));
    }
}
