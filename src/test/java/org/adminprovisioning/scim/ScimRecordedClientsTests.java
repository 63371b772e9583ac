package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The request sequences Microsoft Entra ID and Okta send, in the shapes their public documentation
 * shows (Entra: "Tutorial: Develop and plan provisioning for a SCIM endpoint"; Okta: "Okta and SCIM
 * Version 2.0"), replayed against the service with both systems checked after each step. Names,
 * ids and addresses are ours; the shapes — capitalised {@code op}s, string booleans, enterprise
 * extension paths, path-less values, full {@code PUT}s, a {@code password} we must ignore — are theirs.
 */
class ScimRecordedClientsTests extends ScimTestSupport {

    @Test
    void entraIdSequence_testConnectionMatchCreateUpdateSoftDeleteRestoreAndHardDelete() throws Exception {
        String upn = "Ann.Entra-" + UUID.randomUUID().toString().substring(0, 8) + "@Contoso.example";
        String email = upn.toLowerCase();
        String objectId = UUID.randomUUID().toString();

        // "Test connection": a filter on a userName nobody has (a GUID, not even an email).
        JsonNode none = expect(200, GET, "/Users?filter=" + query("userName eq \"" + UUID.randomUUID() + "\""), null);
        assertThat(none.path("totalResults").asInt()).isZero();
        assertThat(none.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(none.path("Resources").isArray()).isTrue();

        // Matching before creating: by userName, then by externalId.
        assertThat(expect(200, GET, "/Users?filter=" + query("userName eq \"" + upn + "\""), null)
                .path("totalResults").asInt()).isZero();

        JsonNode created = expect(201, POST, "/Users", """
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                  "externalId": "%s",
                  "userName": "%s",
                  "active": true,
                  "emails": [{"primary": true, "type": "work", "value": "%s"}],
                  "meta": {"resourceType": "User"},
                  "name": {"formatted": "Ann Entra", "familyName": "Entra", "givenName": "Ann"},
                  "roles": []
                }""".formatted(objectId, upn, upn));
        String id = created.path("id").asString();
        assertThat(created.path("userName").asString()).isEqualTo(email);
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("externalId").asString()).isEqualTo(objectId);
        assertThat(created.path("meta").path("location").asString()).endsWith("/scim/v2/Users/" + id);
        assertBothSystems(id, AdminStatus.INVITED);

        JsonNode byExternalId = expect(200, GET, "/Users?filter=" + query("externalId eq \"" + objectId + "\""), null);
        assertThat(byExternalId.path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(expect(200, GET, "/Users?filter=" + query("emails[type eq \"work\"].value eq \"" + upn + "\""), null)
                .path("totalResults").asInt()).isEqualTo(1);

        // Attribute updates we do not keep (multi-valued paths, the enterprise manager): accepted, ignored.
        JsonNode updated = expect(200, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [
                   {"op": "Add", "path": "emails[type eq \\"work\\"].value", "value": "%s"},
                   {"op": "Replace", "path": "name.familyName", "value": "Entra-Smith"},
                   {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                    "value": "%s"},
                   {"op": "Replace", "path": "displayName", "value": "Ann Entra-Smith"}]}""".formatted(upn,
                UUID.randomUUID()));
        assertThat(updated.path("active").asBoolean()).isTrue();
        assertBothSystems(id, AdminStatus.INVITED);

        // Unassigned from the app (soft delete): Entra's capitalised op and string boolean.
        JsonNode disabled = expect(200, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "Replace", "path": "active", "value": "False"}]}""");
        assertThat(disabled.path("active").asBoolean()).isFalse();
        assertBothSystems(id, AdminStatus.DISABLED);
        assertThat(expect(200, GET, "/Users?filter=" + query("userName eq \"" + upn + "\""), null)
                .path("Resources").get(0).path("active").asBoolean()).isFalse();

        // Assigned again: the same user is restored, not created anew.
        JsonNode restored = expect(200, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "Replace", "path": "active", "value": "True"}]}""");
        assertThat(restored.path("active").asBoolean()).isTrue();
        assertBothSystems(id, AdminStatus.INVITED);

        // A changed userPrincipalName would be a new email: refused, nothing changes.
        JsonNode renamed = expect(400, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "Replace", "path": "userName", "value": "someone.else@contoso.example"}]}""");
        assertScimError(renamed, 400, "mutability");
        assertBothSystems(id, AdminStatus.INVITED);

        // Deleted for good, 30 days later.
        expect(204, DELETE, "/Users/" + id, null);
        assertBothSystems(id, AdminStatus.OFFBOARDED);
        assertScimError(expect(404, GET, "/Users/" + id, null), 404, null);
        assertScimError(expect(404, DELETE, "/Users/" + id, null), 404, null);
        assertThat(auditOf(email)).extracting(AuditEntry::action)
                .contains("PROVISION_ADMIN", "DISABLE_ADMIN", "ENABLE_ADMIN", "OFFBOARD_ADMIN");
        assertThat(auditOf(email)).filteredOn(e -> e.action().endsWith("_ADMIN")).extracting(AuditEntry::actor)
                .containsOnly("scim:" + SCIM_CONNECTOR);
    }

    @Test
    void oktaSequence_testConnectionCreateReadPutDeactivateReactivateAndDeactivateByPut() throws Exception {
        String email = "bob.okta-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String oktaId = "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);

        // "Test Connector Configuration".
        JsonNode firstTwo = expect(200, GET, "/Users?startIndex=1&count=2", null);
        assertThat(firstTwo.path("itemsPerPage").asInt()).isLessThanOrEqualTo(2);
        assertThat(firstTwo.path("startIndex").asInt()).isEqualTo(1);

        assertThat(expect(200, GET, "/Users?filter=" + query("userName eq \"" + email + "\"") + "&startIndex=1&count=100",
                null).path("totalResults").asInt()).isZero();

        // Okta sends the password when "Sync Password" is on: ignored (Cognito emails its own temporary one).
        JsonNode created = expect(201, POST, "/Users", """
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                  "userName": "%s",
                  "name": {"givenName": "Bob", "familyName": "Okta"},
                  "emails": [{"primary": true, "value": "%s", "type": "work"}],
                  "displayName": "Bob Okta",
                  "locale": "en-US",
                  "externalId": "%s",
                  "groups": [],
                  "password": "1mz050nq",
                  "active": true
                }""".formatted(email, email, oktaId));
        String id = created.path("id").asString();
        assertBothSystems(id, AdminStatus.INVITED);
        assertThat(invitationsTo(email)).hasSize(1);
        assertThat(invitationsTo(email).get(0).temporaryPassword()).isNotEqualTo("1mz050nq");

        JsonNode read = expect(200, GET, "/Users/" + id, null);
        assertThat(read.path("userName").asString()).isEqualTo(email);
        assertThat(read.path("externalId").asString()).isEqualTo(oktaId);

        // Profile push: the whole user back, with a new name and active still true.
        JsonNode put = expect(200, PUT, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s", "userName": "%s",
                 "name": {"givenName": "Robert", "familyName": "Okta"},
                 "emails": [{"primary": true, "value": "%s", "type": "work"}], "active": true}""".formatted(id,
                email, email));
        assertThat(put.path("active").asBoolean()).isTrue();
        assertBothSystems(id, AdminStatus.INVITED);

        // Deactivation: a path-less replace with an object value.
        JsonNode deactivated = expect(200, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "value": {"active": false}}]}""");
        assertThat(deactivated.path("active").asBoolean()).isFalse();
        assertBothSystems(id, AdminStatus.DISABLED);

        JsonNode reactivated = expect(200, PATCH, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "value": {"active": true}}]}""");
        assertThat(reactivated.path("active").asBoolean()).isTrue();
        assertBothSystems(id, AdminStatus.INVITED);

        // Integrations that update with PUT only deactivate with it too.
        JsonNode putInactive = expect(200, PUT, "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s", "userName": "%s",
                 "active": false}""".formatted(id, email));
        assertThat(putInactive.path("active").asBoolean()).isFalse();
        assertBothSystems(id, AdminStatus.DISABLED);
        assertThat(jdbc.queryForList("SELECT detail FROM audit_events WHERE detail LIKE '%1mz050nq%'")).isEmpty();
    }

    static String query(String filter) {
        // %20 for blanks: MockMvc, unlike Tomcat, does not read a + in a query as a blank.
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
