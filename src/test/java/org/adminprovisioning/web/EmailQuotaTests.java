package org.adminprovisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;

import java.util.Map;

import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;

/**
 * Cognito's daily email quota is not a throttle: {@code 503 email-quota-exceeded} without a short
 * {@code Retry-After}, naming the fix, and the refused operation is over at once; a real throttle keeps
 * its {@code Retry-After}.
 */
class EmailQuotaTests extends EndToEndTestSupport {

    private static final String DAILY_LIMIT = "AdminCreateUser failed: LimitExceededException (400): Exceeded daily "
            + "email limit for the operation or the account.";

    @Test
    void aNewAdmin_whoseInvitationCannotBeEmailedToday_isA503EmailQuotaExceeded_withoutRetryAfter() throws Exception {
        String email = uniqueEmail("quota");
        doThrow(new EmailQuotaExceededException(DAILY_LIMIT, null)).when(cognito).createAdminUser(eq(email), any());

        MvcResult result = createAdmin(bootstrapToken(), email);

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isNull();
        JsonNode problem = body(result);
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEM + "email-quota-exceeded");
        assertThat(problem.path("detail").asString()).contains("daily email quota is exhausted")
                .contains("Amazon SES").contains("EmailSendingAccount=DEVELOPER").contains("docs/cognito.md");
        assertThat(usersWithEmail(email)).isZero();

        Mockito.reset(cognito);
        assertThat(createAdmin(bootstrapToken(), email).getResponse().getStatus())
                .as("the refused create is over at once, not left to the reconciler").isEqualTo(201);
    }

    @Test
    void aResend_thatCannotBeEmailedToday_isA503EmailQuotaExceeded_too() throws Exception {
        String token = bootstrapToken();
        String email = uniqueEmail("quota-resend");
        invite(token, email);
        doThrow(new EmailQuotaExceededException(DAILY_LIMIT.replace("AdminCreateUser", "AdminCreateUser(RESEND)"),
                null)).when(cognito).resendInvite(any(), any());

        MvcResult result = perform(postJson("/admins/resend-invite", token, Map.of("email", email)));

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + "email-quota-exceeded");

        Mockito.reset(cognito);
        assertThat(perform(postJson("/admins/resend-invite", token, Map.of("email", email))).getResponse().getStatus())
                .as("the refused resend is over at once, not left to the reconciler").isEqualTo(202);
    }

    @Test
    void aRealThrottle_staysCognitoUnavailable_withAShortRetryAfter() throws Exception {
        String email = uniqueEmail("throttled");
        doThrow(new CognitoThrottledException("AdminCreateUser failed: TooManyRequestsException (400): Too many "
                + "requests", null)).when(cognito).createAdminUser(eq(email), any());

        MvcResult result = createAdmin(bootstrapToken(), email);

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + "cognito-unavailable");
    }
}
