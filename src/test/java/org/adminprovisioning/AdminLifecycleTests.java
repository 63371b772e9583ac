package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * The rest of an admin's life, end to end, over MockMvc and real HTTP: disabled (its valid token
 * refused on the very next request), enabled again, offboarded (its email invitable again), never
 * by itself; and its audit trail.
 */
class AdminLifecycleTests extends EndToEndTestSupport {

    private static String unique(String name) {
        return uniqueEmail(name, "lifecycle.example.com");
    }

    private String idOf(String email) throws Exception {
        return body(perform(getWith("/admins?q=" + email, token))).path("content").get(0).path("id").asString();
    }

    @Test
    void aDisabledAdminsValidToken_isRefusedOnTheVeryNextRequest_overMockMvcAndHttp() throws Exception {
        String email = unique("compromised");
        String compromised = activeAdminToken(email);
        String id = idOf(email);
        assertThat(perform(getWith("/admins", compromised)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.get("/admins", compromised).status()).isEqualTo(200);

        AdminApi.Reply disabled = api.post("/admins/" + id + "/disable", null, token);

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().path("status").asString()).isEqualTo("DISABLED");
        MvcResult refused = perform(getWith("/admins", compromised));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(refused).path("type").asString()).isEqualTo(PROBLEM + "forbidden");
        assertThat(api.get("/admins", compromised).status()).isEqualTo(403);
        assertThat(api.createAdmin(compromised, unique("by-the-compromised"), null).status()).isEqualTo(403);
        assertThat(cognito.findUser(disabled.body().path("cognitoUsername").asString()).orElseThrow().enabled())
                .isFalse();
        assertThat(api.post("/auth/login", Map.of("username", email, "password", CHOSEN_PASSWORD), null).status())
                .as("Cognito refuses it too").isEqualTo(401);
    }

    @Test
    void disablingTwice_andEnablingAnActiveAdmin_changeNothing_andAnswer200() throws Exception {
        String email = unique("twice");
        activeAdminToken(email);
        String id = idOf(email);

        AdminApi.Reply enableActive = api.post("/admins/" + id + "/enable", null, token);
        api.post("/admins/" + id + "/disable", null, token);
        AdminApi.Reply disableAgain = api.post("/admins/" + id + "/disable", null, token);

        assertThat(enableActive.status()).isEqualTo(200);
        assertThat(enableActive.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(disableAgain.status()).isEqualTo(200);
        assertThat(disableAgain.body().path("status").asString()).isEqualTo("DISABLED");
        org.mockito.Mockito.verify(cognito, org.mockito.Mockito.times(1)).disableUser(org.mockito.ArgumentMatchers.any());
        org.mockito.Mockito.verify(cognito, org.mockito.Mockito.never()).enableUser(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void anEnabledAdmin_isBackAsItWas_activeIfItEverSignedIn_invitedOtherwise() throws Exception {
        String active = unique("returning");
        String activeToken = activeAdminToken(active);
        String invited = unique("never-signed-in");
        String invitedId = invite(token, invited).path("id").asString();
        String activeId = idOf(active);
        api.post("/admins/" + activeId + "/disable", null, token);
        api.post("/admins/" + invitedId + "/disable", null, token);

        AdminApi.Reply again = api.post("/admins/" + activeId + "/enable", null, token);
        AdminApi.Reply stillInvited = api.post("/admins/" + invitedId + "/enable", null, token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(stillInvited.body().path("status").asString()).isEqualTo("INVITED");
        assertThat(api.get("/admins", activeToken).status()).as("its old token works again").isEqualTo(200);
        assertThat(api.post("/auth/login", Map.of("username", active, "password", CHOSEN_PASSWORD), null).status())
                .isEqualTo(200);
    }

    @Test
    void anOffboardedAdmin_isGoneFromCognito_keptForTheRecord_andItsEmailCanBeInvitedAgain() throws Exception {
        String email = unique("leaver");
        String leaverToken = activeAdminToken(email);
        String id = idOf(email);

        MvcResult offboarded = perform(delete("/admins/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));

        assertThat(offboarded.getResponse().getStatus()).isEqualTo(204);
        assertThat(api.get("/admins", leaverToken).status()).isEqualTo(403);
        assertThat(cognito.findUser(email)).isEmpty();
        assertThat(api.get("/admins/" + id, token).body().path("status").asString()).isEqualTo("OFFBOARDED");
        assertThat(body(perform(getWith("/admins?q=" + email, token))).path("content")).as("not listed by default")
                .isEmpty();
        assertThat(body(perform(getWith("/admins?status=OFFBOARDED&q=" + email, token))).path("content")).hasSize(1);
        assertThat(api.delete("/admins/" + id, token).status()).as("offboarding twice changes nothing").isEqualTo(204);

        JsonNode again = invite(token, email);

        assertThat(again.path("id").asString()).isNotEqualTo(id);
        assertThat(again.path("status").asString()).isEqualTo("INVITED");
        assertThat(rows("SELECT COUNT(*) FROM users WHERE email = ?", email)).isEqualTo(2);
    }

    @Test
    void anAdmin_cannotDisableOrOffboardItself() throws Exception {
        String email = unique("self");
        String own = activeAdminToken(email);
        String id = idOf(email);

        AdminApi.Reply disable = api.post("/admins/" + id + "/disable", null, own);
        AdminApi.Reply offboard = api.delete("/admins/" + id, own);

        assertThat(disable.status()).isEqualTo(409);
        assertThat(disable.problemType()).isEqualTo("cannot-change-self");
        assertThat(offboard.problemType()).isEqualTo("cannot-change-self");
        assertThat(api.get("/admins/" + id, token).body().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void unknownAdmins_are404_andEveryChangeIsAudited_newestFirst() throws Exception {
        String email = unique("audited");
        String id = invite(token, email).path("id").asString();
        api.post("/admins/" + id + "/disable", null, token);
        api.post("/admins/" + id + "/enable", null, token);

        AdminApi.Reply unknown = api.post("/admins/" + java.util.UUID.randomUUID() + "/disable", null, token);
        JsonNode trail = api.get("/admins/" + id + "/audit", token).body();
        JsonNode filtered = api.get("/audit-events?target=" + email + "&action=DISABLE_ADMIN", token).body();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("admin-not-found");
        List<String> actions = new java.util.ArrayList<>();
        trail.path("content").forEach(event -> actions.add(event.path("action").asString()));
        assertThat(actions).containsExactly("ENABLE_ADMIN", "DISABLE_ADMIN", "PROVISION_ADMIN");
        assertThat(trail.path("page").path("totalElements").asInt()).isEqualTo(3);
        assertThat(filtered.path("content")).hasSize(1);
        assertThat(filtered.path("content").get(0).path("actor").asString()).isEqualTo(BOOTSTRAP_EMAIL);
        assertThat(api.get("/admins/" + java.util.UUID.randomUUID() + "/audit", token).status()).isEqualTo(404);
        assertThat(api.get("/audit-events", null).status()).isEqualTo(401);
    }
}
