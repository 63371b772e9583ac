package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * Who may call {@code /scim/v2}: a connector's token only — a missing, wrong or admin's token is
 * refused in SCIM's error format — and how hard: refused credentials are counted per client address
 * and audited. Also SCIM's own errors for bad requests.
 * Each test speaks from an address of its own, so the throttle's buckets never meet.
 */
class ScimAuthenticationTests extends ScimTestSupport {

    private static final AtomicInteger addresses = new AtomicInteger(10);

    @Test
    void missingWrongAndBasicCredentials_are401_inScimsErrorFormat() throws Exception {
        String from = address();
        for (String authorization : new String[] {null, "Bearer not-a-connector-secret",
            "Bearer " + SCIM_TOKEN + "x", "Basic dGVzdC1pZHA6c2VjcmV0"}) {
            MvcResult refused = perform(scim(GET, "/Users", null, null).with(r -> {
                r.setRemoteAddr(from);
                if (authorization != null) {
                    r.addHeader(HttpHeaders.AUTHORIZATION, authorization);
                }
                return r;
            }));
            assertThat(refused.getResponse().getStatus()).as(authorization).isEqualTo(401);
            assertThat(refused.getResponse().getContentType()).startsWith(SCIM_JSON);
            assertThat(refused.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertScimError(body(refused), 401, null);
        }
        assertThat(auditOf("scim")).filteredOn(e -> e.detail().endsWith("from " + from + ": 401")).hasSize(4)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("anonymous"));
    }

    @Test
    void anAdminsOwnToken_is403_inScimsErrorFormat_andChangesNothing() throws Exception {
        String email = uniqueEmail("scim.admin-token");
        MvcResult refused = perform(scim(POST, "/Users", token, "{\"userName\":\"" + email + "\"}")
                .with(r -> { r.setRemoteAddr(address()); return r; }));

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getContentType()).startsWith(SCIM_JSON);
        assertScimError(body(refused), 403, null);
        assertThat(body(refused).path("detail").asString()).contains("admin's token");
        assertThat(usersWithEmail(email)).isZero();
    }

    @Test
    void aConnectorsToken_isRefusedByTheAdminApi() throws Exception {
        assertThat(perform(getWith("/admins", SCIM_TOKEN)).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void refusedCredentials_fromOneAddress_are429AfterTen_evenWithTheRightToken_whileOtherAddressesGoOn() throws Exception {
        String guesser = address();
        for (int i = 0; i < 10; i++) {
            assertThat(status(guesser, "Bearer guess-" + i)).isEqualTo(401);
        }

        MvcResult throttled = perform(scim(GET, "/Users", SCIM_TOKEN, null).with(r -> { r.setRemoteAddr(guesser); return r; }));

        assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.getResponse().getHeader("Retry-After"))).isPositive();
        assertScimError(body(throttled), 429, null);
        assertThat(status(address(), "Bearer " + SCIM_TOKEN)).isEqualTo(200);
    }

    @Test
    void successfulRequests_doNotUseTheRefusedCredentialBudget() throws Exception {
        String idp = address();
        for (int i = 0; i < 12; i++) {
            assertThat(status(idp, "Bearer " + SCIM_TOKEN)).isEqualTo(200);
        }
    }

    @Test
    void eachConnector_seesOnlyItsOwnExternalIds() throws Exception {
        String email = uniqueEmail("scim.two-idps");
        JsonNode created = expect(201, POST, "/Users", "{\"userName\":\"" + email + "\",\"externalId\":\"ext-A\"}");
        String id = created.path("id").asString();

        MvcResult other = perform(scim(GET, "/Users/" + id, OTHER_SCIM_TOKEN, null));
        MvcResult otherFilter = perform(scim(GET, "/Users?filter=externalId%20eq%20%22ext-A%22", OTHER_SCIM_TOKEN, null));

        assertThat(body(other).path("userName").asString()).isEqualTo(email);
        assertThat(body(other).has("externalId")).isFalse();
        assertThat(body(otherFilter).path("Resources").findValuesAsString("id")).doesNotContain(id);
        assertThat(expect(200, GET, "/Users?filter=externalId%20eq%20%22ext-A%22", null).path("Resources")
                .findValuesAsString("id")).contains(id);
    }

    @Test
    void badRequests_answerScimErrors_neverProblems() throws Exception {
        assertScimError(expect(400, POST, "/Users", "{\"userName\": "), 400, "invalidSyntax");
        assertScimError(expect(400, POST, "/Users", "{\"userName\":\"not an email\"}"), 400, "invalidValue");
        assertScimError(expect(400, POST, "/Users", "{\"active\":true}"), 400, "invalidValue");
        assertScimError(expect(400, GET, "/Users?filter=userName%20co%20%22ann%22", null), 400, "invalidFilter");
        assertScimError(expect(400, GET, "/Users?filter=title%20eq%20%22x%22", null), 400, "invalidFilter");
        assertScimError(expect(404, GET, "/Users/not-a-uuid", null), 404, null);
        assertScimError(expect(404, GET, "/Groups", null), 404, null);
        assertScimError(expect(405, PUT, "/Users", "{}"), 405, null);
        String id = expect(201, POST, "/Users", "{\"userName\":\"" + uniqueEmail("scim.bad") + "\"}").path("id").asString();
        assertScimError(expect(400, PATCH, "/Users/" + id, "{\"Operations\":[]}"), 400, "invalidSyntax");
        assertScimError(expect(400, PATCH, "/Users/" + id, "{\"Operations\":[{\"op\":\"Move\",\"path\":\"active\"}]}"),
                400, "invalidSyntax");
        assertScimError(expect(400, PATCH, "/Users/" + id,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"maybe\"}]}"), 400, "invalidValue");
        assertScimError(expect(400, PATCH, "/Users/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"active\"}]}"),
                400, "invalidValue");
    }

    private int status(String from, String authorization) throws Exception {
        return perform(scim(GET, "/Users?count=1", null, null).with(r -> {
            r.setRemoteAddr(from);
            r.addHeader(HttpHeaders.AUTHORIZATION, authorization);
            return r;
        })).getResponse().getStatus();
    }

    /** An address from TEST-NET-2 no other test of the context uses. */
    private static String address() {
        return "198.51.100." + addresses.incrementAndGet();
    }
}
