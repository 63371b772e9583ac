package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.Optional;

import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.CognitoUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;

/** SCIM requests over MockMvc on the shared end-to-end context, and checks of both systems. */
abstract class ScimTestSupport extends EndToEndTestSupport {

    static final String SCIM_JSON = "application/scim+json";

    /** A SCIM request as an identity provider sends it: its bearer token, {@code application/scim+json}. */
    MockHttpServletRequestBuilder scim(HttpMethod method, String path, String token, String body) {
        // Paths come URL-encoded, as an identity provider sends them: not a template to encode again.
        MockHttpServletRequestBuilder request = request(method, java.net.URI.create("/scim/v2" + path)).accept(SCIM_JSON);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return body == null ? request : request.contentType(SCIM_JSON).content(body);
    }

    /** Sends it as the test connector; asserts the status and SCIM's media type; returns the body. */
    JsonNode expect(int status, HttpMethod method, String path, String body) throws Exception {
        MvcResult result = perform(scim(method, path, SCIM_TOKEN, body));
        String raw = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(method + " " + path + " -> " + raw).isEqualTo(status);
        if (status == 204) {
            assertThat(raw).isEmpty();
            return json.createObjectNode();
        }
        assertThat(result.getResponse().getContentType()).startsWith(SCIM_JSON);
        return json.readTree(raw);
    }

    /** Asserts a SCIM error message (RFC 7644 §3.12): its schema, status as a string, scimType. */
    static void assertScimError(JsonNode body, int status, String scimType) {
        assertThat(body.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").isString()).as("status is a string").isTrue();
        assertThat(body.path("status").asString()).isEqualTo(String.valueOf(status));
        if (scimType == null) {
            assertThat(body.has("scimType")).as(body.toString()).isFalse();
        } else {
            assertThat(body.path("scimType").asString()).isEqualTo(scimType);
        }
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(body.has("type")).as("not an RFC 9457 problem").isFalse();
    }

    /** Both systems agree that the admin is in this state: our record, and its Cognito user. */
    void assertBothSystems(String id, AdminStatus status) {
        AdminAccount admin = records.findById(java.util.UUID.fromString(id)).orElseThrow();
        assertThat(admin.status()).isEqualTo(status);
        Optional<CognitoUser> user = cognito.findUser(admin.cognitoUsername());
        switch (status) {
            case OFFBOARDED -> assertThat(user).as("Cognito user of an offboarded admin").isEmpty();
            case DISABLED -> assertThat(user).hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
            default -> {
                assertThat(user).hasValueSatisfying(u -> assertThat(u.enabled()).isTrue());
                assertThat(cognito.isInAdminGroup(admin.cognitoUsername())).isTrue();
            }
        }
    }
}
