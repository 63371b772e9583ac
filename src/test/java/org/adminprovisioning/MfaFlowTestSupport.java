package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.adminprovisioning.testsupport.Authenticator;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * {@link EndToEndTestSupport} on a pool that requires MFA ({@code cognito.in-memory.mfa=REQUIRED}): one
 * context for every such suite, and the authenticator apps of its accounts, which live as long as it.
 */
@TestPropertySource(properties = "cognito.in-memory.mfa=REQUIRED")
public abstract class MfaFlowTestSupport extends EndToEndTestSupport {

    /** Each account's authenticator app: its secret. Per context, as the pool is. */
    protected static final Map<String, String> apps = new ConcurrentHashMap<>();
    private static String bootstrapAccessToken;

    protected MvcResult mfaSetup(String email, String session, String code) throws Exception {
        return perform(postJson("/auth/mfa-setup", null, Map.of("username", email, "session", session, "code", code)));
    }

    protected MvcResult mfa(String email, String session, String code) throws Exception {
        return perform(postJson("/auth/mfa", null, Map.of("username", email, "session", session, "code", code)));
    }

    /** What the account's app shows now (what {@code oathtool --totp -b SECRET} prints). */
    protected String codeOf(String email) {
        return Authenticator.code(apps.get(email), clock.instant());
    }

    protected static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    /** Answers an MFA_SETUP challenge with a new app, as a person would; returns the tokens. */
    protected JsonNode setUpApp(String email, JsonNode challenge) throws Exception {
        assertThat(challenge.path("challenge").asString()).as(challenge.toString()).isEqualTo("MFA_SETUP");
        apps.put(email, challenge.path("secretCode").asString());
        MvcResult tokens = mfaSetup(email, challenge.path("session").asString(), codeOf(email));
        assertThat(tokens.getResponse().getStatus()).as(tokens.getResponse().getContentAsString()).isEqualTo(200);
        // The app's next code is the next step's: a code is never accepted twice.
        clock.advance(Duration.ofSeconds(30));
        return body(tokens);
    }

    /** Signs in with password and app code; returns the tokens. */
    protected JsonNode signInWithApp(String email, String password) throws Exception {
        JsonNode challenge = login(email, password);
        assertThat(challenge.path("challenge").asString()).isEqualTo("SOFTWARE_TOKEN_MFA");
        MvcResult tokens = mfa(email, challenge.path("session").asString(), codeOf(email));
        assertThat(tokens.getResponse().getStatus()).as(tokens.getResponse().getContentAsString()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));
        return body(tokens);
    }

    /** The bootstrap admin sets up its app once per context; its access token (1 h) serves every suite. */
    @Override
    protected String bootstrapToken() throws Exception {
        synchronized (MfaFlowTestSupport.class) {
            if (bootstrapAccessToken == null) {
                bootstrapAccessToken = setUpApp(BOOTSTRAP_EMAIL, login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD))
                        .path("accessToken").asString();
            }
            return bootstrapAccessToken;
        }
    }

    /** An invited admin who set its password and its app: ACTIVE. Returns its access token. */
    protected String activeMfaAdmin(String email) throws Exception {
        invite(bootstrapToken(), email);
        MvcResult challenge = answerChallenge(email, temporaryPasswordOf(email), CHOSEN_PASSWORD);
        assertThat(challenge.getResponse().getStatus()).isEqualTo(200);
        return setUpApp(email, body(challenge)).path("accessToken").asString();
    }

    protected String statusOf(String email) {
        return records.findByEmail(email).orElseThrow().status().name();
    }

    /** Password resets are handled in the background: waits for the code to reach the outbox. */
    protected String awaitResetCode(String email) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<String> codes = invitationsTo(email).stream().filter(m -> m.code() != null).map(m -> m.code()).toList();
            if (!codes.isEmpty()) {
                return codes.get(codes.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no reset code was emailed to " + email);
    }
}
