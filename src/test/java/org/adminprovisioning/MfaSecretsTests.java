package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.adminprovisioning.testsupport.Authenticator;
import org.adminprovisioning.testsupport.DebugLogging;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * TOTP secrets, codes and challenge sessions reach the person only in the answer whose job is to give
 * them ({@code MFA_SETUP}, {@code SOFTWARE_TOKEN_MFA}): never a log line (our code and Spring MVC at
 * DEBUG) or a table, and no other answer, whether the step succeeds, is refused or comes too late.
 */
@ExtendWith(OutputCaptureExtension.class)
class MfaSecretsTests extends MfaFlowTestSupport {

    @BeforeEach
    void debugLogging() {
        DebugLogging.on();
    }

    @Test
    void totpSecretsCodesAndSessions_appearOnlyInTheirOwnAnswers(CapturedOutput output) throws Exception {
        String email = uniqueEmail("mfa-secret");
        String adminToken = bootstrapToken();
        invite(adminToken, email);

        List<String> answers = new ArrayList<>();
        JsonNode setup = body(answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD));
        String secret = setup.path("secretCode").asString();
        String setupSession = setup.path("session").asString();
        String firstCode = Authenticator.code(secret, clock.instant());
        String wrongCode = String.format("%06d", (Integer.parseInt(firstCode) + 1) % 1_000_000);
        answers.add(answer(postJson("/auth/mfa-setup", null, Map.of("username", email, "session", setupSession,
                "code", wrongCode))));
        answers.add(answer(postJson("/auth/mfa-setup", null, Map.of("username", email, "session", setupSession,
                "code", firstCode))));
        JsonNode challenge = login(email, CHOSEN_PASSWORD);
        String mfaSession = challenge.path("session").asString();
        answers.add(answer(postJson("/auth/mfa", null, Map.of("username", email, "session", mfaSession,
                "code", firstCode))));
        clock.advance(Duration.ofSeconds(30));
        String secondCode = Authenticator.code(secret, clock.instant());
        answers.add(answer(postJson("/auth/mfa", null, Map.of("username", email, "session", mfaSession,
                "code", secondCode))));
        answers.add(answer(postJson("/auth/mfa", null, Map.of("username", email, "session", mfaSession,
                "code", secondCode))));
        answers.add(answer(getWith("/admins", adminToken)));

        String[] secrets = {secret, apps.get(BOOTSTRAP_EMAIL), setupSession, mfaSession, firstCode, secondCode};
        assertThat(answers).hasSize(6).allSatisfy(answer -> assertThat(answer).doesNotContain(secrets));
        StringBuilder tables = new StringBuilder();
        for (String table : new String[] {"users", "admin_info", "admin_operations", "audit_events"}) {
            jdbc.queryForList("SELECT * FROM " + table).forEach(row -> tables.append(row).append('\n'));
        }
        assertThat(tables.toString()).contains("MFA_SETUP").contains("MFA_CHALLENGE").doesNotContain(secrets);
        assertThat(output.getAll())
                .as("the capture works: the refused codes are logged")
                .contains("InvalidMfaCodeException")
                .contains("SessionExpiredException")
                .doesNotContain(secrets);
    }

    private String answer(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        MvcResult result = perform(request);
        StringBuilder all = new StringBuilder(result.getResponse().getContentAsString());
        result.getResponse().getHeaderNames()
                .forEach(name -> all.append('\n').append(name).append(": ").append(result.getResponse().getHeaders(name)));
        return all.toString();
    }
}
