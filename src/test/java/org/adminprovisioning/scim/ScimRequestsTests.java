package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.adminprovisioning.scim.ScimFilter.Attribute;
import org.adminprovisioning.scim.ScimFilter.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

/** The bodies and filters identity providers send, read as {@link ScimRequests} and {@link ScimFilter} read them. */
class ScimRequestsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
        // Entra ID: capitalised op, string boolean
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}",
        // Entra ID with its compliance flag: a real boolean
        "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]}",
        // Okta: no path, an object value
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}",
        // Others: add instead of replace, a fully qualified path, "operations" in lower case
        "{\"Operations\":[{\"op\":\"add\",\"value\":{\"active\":\"FALSE\"}}]}",
        "{\"operations\":[{\"op\":\"REPLACE\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:active\",\"value\":false}]}"})
    void everyShapeOfDeactivation_asksForActiveFalse(String body) {
        assertThat(ScimRequests.patch(JSON.readTree(body)).active()).isFalse();
    }

    @Test
    void attributesWeDoNotKeep_areIgnored_andTheLastWordOnActiveWins() {
        ScimRequests.UserChange change = ScimRequests.patch(JSON.readTree("""
                {"Operations":[
                  {"op":"Replace","path":"name.familyName","value":"Smith"},
                  {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"x"},
                  {"op":"Replace","path":"active","value":"False"},
                  {"op":"Replace","path":"externalId","value":"ext-9"},
                  {"op":"Replace","path":"active","value":"True"}]}"""));

        assertThat(change.active()).isTrue();
        assertThat(change.externalId()).isEqualTo("ext-9");
        assertThat(change.userName()).isNull();
    }

    @Test
    void removingTheExternalId_isRemembered() {
        assertThat(ScimRequests.patch(JSON.readTree("{\"Operations\":[{\"op\":\"Remove\",\"path\":\"externalId\"}]}"))
                .removeExternalId()).isTrue();
    }

    @Test
    void aUserResource_needsAUserName_andReadsActiveLeniently() {
        ScimRequests.UserChange user = ScimRequests.user(JSON.readTree(
                "{\"USERNAME\":\"ann@example.com\",\"Active\":\"true\",\"password\":\"ignored\",\"name\":{\"givenName\":\"A\"}}"));
        assertThat(user.userName()).isEqualTo("ann@example.com");
        assertThat(user.active()).isTrue();
        assertThat(catchThrowableOfType(ScimException.class, () -> ScimRequests.user(JSON.readTree("{\"active\":true}")))
                .scimType()).isEqualTo("invalidValue");
        assertThat(catchThrowableOfType(ScimException.class, () -> ScimRequests.user(JSON.readTree("[]")))
                .scimType()).isEqualTo("invalidSyntax");
    }

    @Test
    void filters_ofUserNameExternalIdEmailAndActive_joinedByAnd() {
        assertThat(ScimFilter.parse("userName eq \"Ann@Example.com\"").conditions())
                .containsExactly(new Condition(Attribute.USER_NAME, "Ann@Example.com"));
        assertThat(ScimFilter.parse("externalId EQ \"a \\\"quoted\\\" id\" and active eq TRUE").conditions())
                .containsExactly(new Condition(Attribute.EXTERNAL_ID, "a \"quoted\" id"), new Condition(Attribute.ACTIVE, true));
        assertThat(ScimFilter.parse("emails[type eq \"work\"].value eq \"ann@example.com\"").conditions())
                .containsExactly(new Condition(Attribute.USER_NAME, "ann@example.com"));
        assertThat(ScimFilter.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"").conditions())
                .extracting(Condition::attribute).containsExactly(Attribute.USER_NAME);
        assertThat(ScimFilter.parse(null).conditions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName co \"ann\"", "userName eq", "userName eq \"unclosed", "title eq \"x\"",
        "userName eq \"a\" or userName eq \"b\"", "active eq \"true\"", "userName eq true", "(userName eq \"a\")"})
    void anythingElse_isAnInvalidFilter(String filter) {
        ScimException refused = catchThrowableOfType(ScimException.class, () -> ScimFilter.parse(filter));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.scimType()).isEqualTo("invalidFilter");
        assertThat(List.of(refused.getMessage())).allSatisfy(m -> assertThat(m).startsWith("Invalid filter"));
    }
}
