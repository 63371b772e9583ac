package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.adminprovisioning.cognito.inmemory.OutboxMessage;
import org.adminprovisioning.testsupport.DebugLogging;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The temporary password reaches the new admin only through the invitation (here: the outbox): it
 * is in no log line (our code and Spring MVC at DEBUG), no other response and no table. Tokens,
 * refresh tokens and password-reset codes are in no log line and no audit row either; TOTP secrets,
 * codes and sessions: {@link MfaSecretsTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests extends EndToEndTestSupport {

    private final List<String> responses = new ArrayList<>();

    @BeforeEach
    void debugLogging() {
        DebugLogging.on();
    }

    private MvcResult recorded(MvcResult result) throws Exception {
        StringBuilder all = new StringBuilder(result.getResponse().getContentAsString());
        result.getResponse().getHeaderNames()
                .forEach(name -> all.append('\n').append(name).append(": ").append(result.getResponse().getHeaders(name)));
        responses.add(all.toString());
        return result;
    }

    private String tableDump() {
        StringBuilder dump = new StringBuilder();
        for (String table : new String[] {"users", "admin_info", "admin_operations", "audit_events"}) {
            jdbc.queryForList("SELECT * FROM " + table).forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }

    @Test
    void temporaryPasswords_appearOnlyInTheOutbox_andNoSecretIsLogged(CapturedOutput output) throws Exception {
        String adminToken = login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD).path("accessToken").asString();
        String email = uniqueEmail("secret");
        String rolledBack = uniqueEmail("secret-rolled-back");
        doThrow(new DataAccessResourceFailureException("database unavailable")).when(records)
                .createAdminDatabaseRecords(eq(rolledBack), any(), any(), any());

        MvcResult created = recorded(createAdmin(adminToken, email));
        recorded(createAdmin(adminToken, rolledBack));
        recorded(createAdmin(adminToken, email.toUpperCase()));
        String first = temporaryPasswordOf(email);
        recorded(perform(getWith("/admins", adminToken)));
        recorded(perform(getWith("/admins/" + body(created).path("id").asString(), adminToken)));
        recorded(perform(postJson("/auth/login", null, Map.of("username", email, "password", first))));
        recorded(answerChallenge(email, first, "weak"));
        recorded(answerChallenge(email, first + "x", CHOSEN_PASSWORD));
        clock.advance(Duration.ofDays(8));
        recorded(perform(postJson("/auth/login", null, Map.of("username", email, "password", first))));
        recorded(perform(postJson("/admins/resend-invite", adminToken, Map.of("email", email))));
        String second = temporaryPasswordOf(email);
        MvcResult firstTokens = recorded(answerChallenge(email, second, CHOSEN_PASSWORD));
        String newAdminToken = body(firstTokens).path("accessToken").asString();
        recorded(perform(getWith("/admins", newAdminToken)));

        List<String> temporaryPasswords = new ArrayList<>();
        for (String to : new String[] {email, rolledBack}) {
            invitationsTo(to).stream().map(OutboxMessage::temporaryPassword).forEach(temporaryPasswords::add);
        }
        assertThat(temporaryPasswords).hasSize(3).contains(first, second);

        assertThat(responses).hasSize(12).allSatisfy(response -> assertThat(response)
                .doesNotContain(temporaryPasswords.toArray(String[]::new)));
        assertThat(tableDump()).isNotBlank().doesNotContain(temporaryPasswords.toArray(String[]::new))
                .doesNotContain(CHOSEN_PASSWORD);

        assertThat(output.getAll())
                .as("the capture works: the rolled-back request is logged")
                .contains("compensating")
                .doesNotContain(temporaryPasswords.toArray(String[]::new))
                .doesNotContain(CHOSEN_PASSWORD, BOOTSTRAP_PASSWORD)
                .doesNotContain(adminToken, newAdminToken);
    }

    @Test
    void refreshTokensAndResetCodes_reachNoLogLineAndNoTable(CapturedOutput output) throws Exception {
        String email = uniqueEmail("secret-reset");
        String firstToken = activeAdminToken(email);
        String refreshToken = login(email, CHOSEN_PASSWORD).path("refreshToken").asString();
        MvcResult refreshed = recorded(perform(postJson("/auth/refresh", null,
                Map.of("refreshToken", refreshToken, "username", email))));
        String refreshedToken = body(refreshed).path("accessToken").asString();
        recorded(perform(postJson("/auth/refresh", null, Map.of("refreshToken", refreshToken + "x", "username", email))));
        recorded(perform(postJson("/auth/forgot-password", null, Map.of("username", email))));
        String code = awaitResetCode(email);
        recorded(perform(postJson("/auth/confirm-forgot-password", null,
                Map.of("username", email, "code", code.equals("000000") ? "111111" : "000000", "newPassword",
                        "Brand-New-Passw0rd!"))));
        recorded(perform(postJson("/auth/confirm-forgot-password", null,
                Map.of("username", email, "code", code, "newPassword", "weak"))));
        recorded(perform(postJson("/auth/confirm-forgot-password", null,
                Map.of("username", email, "code", code, "newPassword", "Brand-New-Passw0rd!"))));

        assertThat(responses).hasSize(6).allSatisfy(response -> assertThat(response)
                .doesNotContain(refreshToken, code, "Brand-New-Passw0rd!"));
        assertThat(tableDump()).contains("PASSWORD_RESET").contains("TOKEN_REFRESH")
                .doesNotContain(refreshToken, code, "Brand-New-Passw0rd!", firstToken, refreshedToken);
        assertThat(output.getAll())
                .as("the capture works: the refused reset is logged")
                .contains("InvalidCodeException")
                .doesNotContain(refreshToken, code, "Brand-New-Passw0rd!", CHOSEN_PASSWORD, firstToken, refreshedToken);
    }

    private String awaitResetCode(String email) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> codes = invitationsTo(email).stream().map(OutboxMessage::code).filter(c -> c != null).toList();
            if (!codes.isEmpty()) {
                return codes.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no reset code was emailed to " + email);
    }
}
