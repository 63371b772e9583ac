package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.adminprovisioning.EndToEndTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The token's {@code sub} must be the {@code cognito_sub} recorded for its admin (docs/security.md): a
 * pool user who merely has the same username is not that admin. A record without a {@code sub} is
 * bound to its first token's, and the binding holds from then on.
 */
class SubBindingTests extends EndToEndTestSupport {

    @Test
    void aTokenWhoseSubIsNotTheRecordedOne_isRefused403() throws Exception {
        String email = uniqueEmail("sub-mismatch");
        String token = activeAdminToken(email);
        assertThat(perform(getWith("/admins", token)).getResponse().getStatus()).isEqualTo(200);

        jdbc.update("UPDATE users SET cognito_sub = ? WHERE email = ?", "00000000-0000-4000-8000-000000000000", email);
        MvcResult refused = perform(getWith("/admins", token));

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(refused).path("type").asString()).isEqualTo(PROBLEM + "forbidden");
    }

    @Test
    void aRecordWithoutASub_isBoundToItsFirstToken_andRefusesAnyOtherSubAfterwards() throws Exception {
        String email = uniqueEmail("sub-unbound");
        String token = activeAdminToken(email);
        jdbc.update("UPDATE users SET cognito_sub = NULL WHERE email = ?", email);

        assertThat(perform(getWith("/admins", token)).getResponse().getStatus()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT cognito_sub FROM users WHERE email = ?", String.class, email))
                .isEqualTo(subOf(token));
        assertThat(rows("SELECT COUNT(*) FROM audit_events WHERE action = 'BIND_SUB' AND target = ?", email))
                .isEqualTo(1);
        assertThat(perform(getWith("/admins", token)).getResponse().getStatus()).isEqualTo(200);
        assertThat(rows("SELECT COUNT(*) FROM audit_events WHERE action = 'BIND_SUB' AND target = ?", email))
                .as("bound once").isEqualTo(1);

        jdbc.update("UPDATE users SET cognito_sub = ? WHERE email = ?", "11111111-1111-4111-8111-111111111111", email);
        assertThat(perform(getWith("/admins", token)).getResponse().getStatus()).isEqualTo(403);
    }

    private static String subOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
