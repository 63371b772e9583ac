package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/** README's quick start, step by step, on the default profile with real tokens from the in-memory pool. */
class ReadmeWalkthroughTests extends EndToEndTestSupport {

    @Test
    void bootstrapAdminInvitesANewAdmin_whoSetsAPasswordAndInvitesAThirdAdmin() throws Exception {
        // 1. The bootstrap admin signs in and gets a Cognito-style access token.
        String adminToken = bootstrapToken();

        // 2. It creates a new admin: 201, status INVITED; the pool "emails" a temporary password.
        MvcResult created = createAdmin(adminToken, "new.admin@example.com");
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        JsonNode newAdmin = body(created);
        assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION))
                .isEqualTo("/admins/" + newAdmin.path("id").asString());
        assertThat(newAdmin.path("email").asString()).isEqualTo("new.admin@example.com");
        assertThat(newAdmin.path("status").asString()).isEqualTo("INVITED");
        assertThat(newAdmin.path("invitedBy").asString()).isEqualTo(BOOTSTRAP_EMAIL);
        assertThat(newAdmin.path("cognitoUsername").asString()).matches("[0-9a-f-]{36}");
        assertThat(Duration.between(Instant.parse(newAdmin.path("createdAt").asString()),
                Instant.parse(newAdmin.path("inviteExpiresAt").asString())))
                .isBetween(Duration.ofDays(7).minusSeconds(1), Duration.ofDays(7).plusSeconds(1));

        // 3. Read the invitation "email" from the dev outbox.
        String temporaryPassword = temporaryPasswordOf("new.admin@example.com");
        assertThat(invitationsTo("new.admin@example.com")).singleElement().satisfies(message -> {
            assertThat(message.username()).isEqualTo(newAdmin.path("cognitoUsername").asString());
            assertThat(message.body()).contains(temporaryPassword);
        });

        // 4. The new admin signs in with it: Cognito wants a new password first.
        assertThat(login("new.admin@example.com", temporaryPassword).toString())
                .isEqualTo("{\"challenge\":\"NEW_PASSWORD_REQUIRED\"}");

        // 5. The new admin chooses a password and gets its first tokens; it is now ACTIVE.
        MvcResult firstTokens = answerChallenge("new.admin@example.com", temporaryPassword, CHOSEN_PASSWORD);
        assertThat(firstTokens.getResponse().getStatus()).isEqualTo(200);
        JsonNode tokens = body(firstTokens);
        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expiresIn").asInt()).isEqualTo(3600);
        assertThat(tokens.path("idToken").asString()).isNotBlank();
        assertThat(tokens.path("refreshToken").asString()).isNotBlank();

        // 6. The new admin signs in with its own password...
        String newToken = accessToken("new.admin@example.com", CHOSEN_PASSWORD);

        // 7. ...and creates a third admin with its own token.
        JsonNode third = invite(newToken, "third.admin@example.com");
        assertThat(third.path("invitedBy").asString()).isEqualTo("new.admin@example.com");
        assertThat(third.path("status").asString()).isEqualTo("INVITED");

        // 8. Everyone, with status INVITED / ACTIVE.
        Map<String, String> statusByEmail = new java.util.HashMap<>();
        for (String prefix : List.of(BOOTSTRAP_EMAIL, "new.admin@", "third.admin@")) {
            JsonNode page = body(perform(getWith("/admins?q=" + prefix, newToken)));
            page.path("content").forEach(admin -> statusByEmail.put(admin.path("email").asString(),
                    admin.path("status").asString()));
        }
        assertThat(statusByEmail).containsEntry(BOOTSTRAP_EMAIL, "ACTIVE")
                .containsEntry("new.admin@example.com", "ACTIVE")
                .containsEntry("third.admin@example.com", "INVITED");
        JsonNode one = body(perform(getWith("/admins/" + newAdmin.path("id").asString(), newToken)));
        assertThat(one.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(one.path("activatedAt").isMissingNode() || one.path("activatedAt").isNull()).isFalse();

        // Both systems agree: Cognito users in the admin group, the first one CONFIRMED, journal COMPLETED.
        assertThat(cognito.findUser("new.admin@example.com")).get()
                .satisfies(user -> assertThat(user.status().name()).isEqualTo("CONFIRMED"));
        assertThat(cognito.findUser("third.admin@example.com")).get()
                .satisfies(user -> assertThat(user.status().name()).isEqualTo("FORCE_CHANGE_PASSWORD"));
        assertThat(journalStatesOf("new.admin@example.com")).containsExactly("COMPLETED");
        assertThat(journalStatesOf("third.admin@example.com")).containsExactly("COMPLETED");
        assertThat(adminInfosOf("third.admin@example.com")).isEqualTo(1);
    }
}
