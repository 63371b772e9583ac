package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.audit.AuditEntry;
import org.adminprovisioning.audit.AuditQuery;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.inmemory.InMemoryOutbox;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.cognito.inmemory.OutboxMessage;
import org.adminprovisioning.testsupport.MovableClockConfiguration;
import org.adminprovisioning.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one end-to-end harness: the whole service on its default profile (in-memory Cognito pool, H2 —
 * or PostgreSQL in the postgres execution — behind the real connection pool) on a random port,
 * driven over MockMvc ({@link #mvc}) or over real HTTP ({@link #api}, signed in as the bootstrap
 * admin with {@link #token}) with real tokens the pool signs. No scheduled reconciler: tests run it
 * through {@code POST /admins/reconciliation/run}, where every unfinished operation counts as stale.
 * The Cognito gateway and the records are Mockito spies (reset after each test) a test may make
 * fail. Every end-to-end test extends this class unchanged, so they all share one application
 * context; each uses email addresses of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:flows-${random.uuid};DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "provisioning.bootstrap-admin.email=" + EndToEndTestSupport.BOOTSTRAP_EMAIL,
        "provisioning.bootstrap-admin.password=" + EndToEndTestSupport.BOOTSTRAP_PASSWORD,
        "provisioning.reconciler.enabled=false",
        "provisioning.reconciler.stale-after=0s",
        "provisioning.max-resends-per-hour=" + EndToEndTestSupport.MAX_RESENDS_PER_HOUR,
        // Bulk imports try a row again within milliseconds instead of seconds.
        "provisioning.import.retry-backoff=10ms",
        // Our code and Spring MVC's body logging at DEBUG: the secrets tests prove nothing leaks even then.
        "logging.level.org.adminprovisioning=DEBUG",
        "logging.level.org.springframework.web.servlet.mvc.method.annotation=DEBUG",
        "spring.main.banner-mode=off",
        // Two SCIM connectors (docs/scim.md): their secrets' SHA-256 digests, never the secrets.
        "provisioning.scim.connectors[0].name=" + EndToEndTestSupport.SCIM_CONNECTOR,
        "provisioning.scim.connectors[0].token-sha256=21c1bfc6af5a3bd2dcbb1c9cf4f746c5773cd7afed541614b3e6f49e016d8a67",
        "provisioning.scim.connectors[1].name=other-idp",
        "provisioning.scim.connectors[1].token-sha256=5cbff8b566863e1fc96256ea2a522599a57f969c0082de516ca570872edb69a0"})
@AutoConfigureMockMvc
@Import(MovableClockConfiguration.class)
public abstract class EndToEndTestSupport {

    public static final String BOOTSTRAP_EMAIL = "admin@example.com";
    public static final String BOOTSTRAP_PASSWORD = "Bootstrap-Passw0rd!";
    public static final String CHOSEN_PASSWORD = "Chosen-Passw0rd!";
    public static final String PROBLEM = "https://adminprovisioning.org/problems/";
    /** The SCIM connector of this context, and its secret (SHA-256 in the properties above). */
    public static final String SCIM_CONNECTOR = "test-idp";
    public static final String SCIM_TOKEN = "scim-test-connector-secret-0123456789abcdef";
    /** A second connector: externalIds are each connector's own. */
    public static final String OTHER_SCIM_TOKEN = "scim-second-connector-secret-fedcba9876543210";
    /** {@code provisioning.max-resends-per-hour} in this context. */
    public static final int MAX_RESENDS_PER_HOUR = 2;

    private static final AtomicInteger emails = new AtomicInteger();

    @Autowired
    protected MockMvc mvc;

    @LocalServerPort
    protected int port;

    /** A client of the real HTTP API on {@link #port}, as a frontend would call it. */
    protected AdminApi api;

    /** The bootstrap admin's access token, fresh for each test. */
    protected String token;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected InMemoryOutbox outbox;

    @Autowired
    protected AuditTrail audit;

    /** The real records; a test may make one call fail. */
    @MockitoSpyBean
    protected AdminRecords records;

    /** The real in-memory Cognito driver; a test may make one call fail. */
    @MockitoSpyBean
    protected CognitoGateway cognito;

    @BeforeEach
    void signInAsBootstrapAdmin() throws Exception {
        api = new AdminApi(port);
        token = bootstrapToken();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An address no other test of the shared context uses, at the given domain. */
    protected static String uniqueEmail(String name, String domain) {
        return name + "-" + emails.incrementAndGet() + "-" + java.util.UUID.randomUUID().toString().substring(0, 6)
                + "@" + domain;
    }

    /** A fresh address per call, so flows sharing the context never meet. */
    protected static String uniqueEmail(String name) {
        return name + "-" + emails.incrementAndGet() + "@example.com";
    }

    @Autowired
    protected InMemoryUserPool userPool;

    protected MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    protected static MockHttpServletRequestBuilder postJson(String path, String token, Object body) throws Exception {
        MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_JSON)
                .content(JsonMapper.builder().build().writeValueAsString(body));
        return token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    protected static MockHttpServletRequestBuilder getWith(String path, String token) {
        MockHttpServletRequestBuilder request = get(path);
        return token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    protected JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    /** {@code POST /auth/login}; asserts 200 and returns the whole answer. */
    protected JsonNode login(String username, String password) throws Exception {
        MvcResult result = perform(postJson("/auth/login", null, Map.of("username", username, "password", password)));
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return body(result);
    }

    protected String accessToken(String username, String password) throws Exception {
        String token = login(username, password).path("accessToken").asString();
        assertThat(token).isNotBlank();
        return token;
    }

    protected String bootstrapToken() throws Exception {
        return accessToken(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
    }

    /** {@code POST /admins}; returns the raw result for the caller to check. */
    protected MvcResult createAdmin(String token, String email) throws Exception {
        return perform(postJson("/admins", token, Map.of("email", email)));
    }

    /** {@code POST /admins}, asserting 201. */
    protected JsonNode invite(String token, String email) throws Exception {
        MvcResult result = createAdmin(token, email);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return body(result);
    }

    /** The newest temporary password the pool "emailed" to the address, read from {@code GET /dev/outbox}. */
    protected String temporaryPasswordOf(String email) throws Exception {
        JsonNode messages = body(perform(get("/dev/outbox").param("to", email)));
        assertThat(messages.size()).as("invitations to %s", email).isPositive();
        return messages.get(messages.size() - 1).path("temporaryPassword").asString();
    }

    protected MvcResult answerChallenge(String email, String temporaryPassword, String newPassword) throws Exception {
        return perform(postJson("/auth/new-password-challenge", null,
                Map.of("username", email, "temporaryPassword", temporaryPassword, "newPassword", newPassword)));
    }

    /** Invites the address as the bootstrap admin, completes its first sign-in, and returns its access token. */
    protected String activeAdminToken(String email) throws Exception {
        invite(bootstrapToken(), email);
        MvcResult first = answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD);
        assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(200);
        return accessToken(email, CHOSEN_PASSWORD);
    }

    protected List<OutboxMessage> invitationsTo(String email) {
        return outbox.to(email);
    }

    /** The audit trail about the target, oldest first. */
    protected List<AuditEntry> auditOf(String target) {
        List<AuditEntry> newestFirst = new java.util.ArrayList<>(audit.search(AuditQuery.about(target),
                org.springframework.data.domain.PageRequest.of(0, 200)).getContent());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    protected long rows(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    protected long usersWithEmail(String email) {
        return rows("SELECT COUNT(*) FROM users WHERE LOWER(email) = LOWER(?)", email);
    }

    protected long adminInfosOf(String email) {
        return rows("SELECT COUNT(*) FROM admin_info i JOIN users u ON u.id = i.user_id WHERE LOWER(u.email) = LOWER(?)",
                email);
    }

    protected List<String> journalStatesOf(String email) {
        return jdbc.queryForList("SELECT state FROM admin_operations WHERE email = ? AND operation = 'PROVISION' ORDER BY created_at",
                String.class, email.toLowerCase());
    }
}
