package org.adminprovisioning.auth;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.SignInResult;
import org.adminprovisioning.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code POST /auth/login} and {@code POST /auth/new-password-challenge}: public, every answer they give. */
@WebMvcTest(AuthController.class)
@Import(SecuritySliceConfiguration.class)
class AuthControllerTests {

    private static final AuthTokens TOKENS = new AuthTokens("access.jwt.value", "id.jwt.value", "refresh-value", 3600,
            "Bearer");
    private static final String TEMPORARY = "Temp-Passw0rd!";
    private static final String CHOSEN = "Chosen-Passw0rd!";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private FirstLoginService firstLogin;

    @MockitoBean
    private AdminRecords records;

    private static MockHttpServletRequestBuilder login(String username, String password) {
        return post("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static MockHttpServletRequestBuilder challenge(String temporary, String chosen) {
        return post("/auth/new-password-challenge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"new.admin@example.com\",\"temporaryPassword\":\"" + temporary
                        + "\",\"newPassword\":\"" + chosen + "\"}");
    }

    private static ResultActions isProblem(ResultActions result, ProblemType type) throws Exception {
        return result.andExpect(status().is(type.status().value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + type.slug()))
                .andExpect(jsonPath("$.title").value(type.title()))
                .andExpect(jsonPath("$.status").value(type.status().value()));
    }

    private static ResultActions areTokens(ResultActions result) throws Exception {
        return result.andExpect(status().isOk())
                .andExpect(jsonPath("$", aMapWithSize(5)))
                .andExpect(jsonPath("$.accessToken").value("access.jwt.value"))
                .andExpect(jsonPath("$.idToken").value("id.jwt.value"))
                .andExpect(jsonPath("$.refreshToken").value("refresh-value"))
                .andExpect(jsonPath("$.expiresIn").value(3600))
                .andExpect(jsonPath("$.tokenType").value("Bearer"));
    }

    @Test
    void login_answers200WithTokens_withoutAnyToken() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInResult.Authenticated(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN)));
    }

    @Test
    void login_answers200WithOnlyTheChallenge_forATemporaryPassword() throws Exception {
        when(firstLogin.login("new.admin@example.com", TEMPORARY))
                .thenReturn(new SignInResult.NewPasswordRequired("22222222-2222-4222-8222-222222222222", "session"));

        mvc.perform(login("new.admin@example.com", TEMPORARY))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"challenge\":\"NEW_PASSWORD_REQUIRED\"}", true))
                .andExpect(content().string(not(containsString("session"))));
    }

    @Test
    void login_answers401InvalidCredentials_withoutSayingWhy() throws Exception {
        when(firstLogin.login(any(), any())).thenThrow(new InvalidCredentialsException(
                "InitiateAuth failed: NotAuthorizedException (400): Temporary password has expired", null));

        isProblem(mvc.perform(login("new.admin@example.com", TEMPORARY)), ProblemType.INVALID_CREDENTIALS)
                .andExpect(jsonPath("$.detail")
                        .value("Incorrect username or password, or the temporary password has expired"));
    }

    @Test
    void login_answers400InvalidRequest_withoutAPassword_andNeverEchoesOne() throws Exception {
        isProblem(mvc.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"admin@example.com\"}")), ProblemType.INVALID_REQUEST)
                .andExpect(jsonPath("$.detail", containsString("password")));
        String tooLong = "P4ss-" + "x".repeat(300);
        isProblem(mvc.perform(login("admin@example.com", tooLong)), ProblemType.INVALID_REQUEST)
                .andExpect(content().string(not(containsString(tooLong))));
        verifyNoInteractions(firstLogin);
    }

    @Test
    void login_staysPublic_forACallerWithAnAdminToken() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInResult.Authenticated(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN).with(admin())));
    }

    @Test
    void login_ignoresABearerTokenItDoesNotNeed_evenOneTheDecoderRejects() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInResult.Authenticated(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN).header("Authorization", "Bearer expired.jwt.value")));
    }

    @Test
    void challenge_answers200WithTheFirstTokens() throws Exception {
        when(firstLogin.handleNewPasswordChallenge("new.admin@example.com", TEMPORARY, CHOSEN)).thenReturn(TOKENS);

        areTokens(mvc.perform(challenge(TEMPORARY, CHOSEN)));
    }

    @Test
    void challenge_answers400PasswordPolicy_withCognitosReasonButNotThePassword() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any())).thenThrow(new PasswordPolicyViolationException(
                "RespondToAuthChallenge failed: InvalidPasswordException (400): Password does not conform to policy: "
                        + "Password must have symbol characters", null));

        isProblem(mvc.perform(challenge(TEMPORARY, "Weakpassw0rd")), ProblemType.PASSWORD_POLICY)
                .andExpect(jsonPath("$.detail")
                        .value("Password does not conform to policy: Password must have symbol characters"))
                .andExpect(content().string(not(containsString("Weakpassw0rd"))))
                .andExpect(content().string(not(containsString(TEMPORARY))));
    }

    @Test
    void challenge_answers401InvalidCredentials_forAWrongOrExpiredTemporaryPassword() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any())).thenThrow(new InvalidCredentialsException(
                "InitiateAuth failed: NotAuthorizedException (400): Temporary password has expired", null));

        isProblem(mvc.perform(challenge("Wrong-Passw0rd!", CHOSEN)), ProblemType.INVALID_CREDENTIALS);
    }

    @Test
    void challenge_answers409_whenNoPasswordChangeIsPending() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any()))
                .thenThrow(new NoChallengePendingException("sign in with POST /auth/login instead"));

        isProblem(mvc.perform(challenge(CHOSEN, "Another-Passw0rd!")), ProblemType.NO_CHALLENGE_PENDING);
    }

    @Test
    void challenge_answers503_whenCognitoIsUnavailable() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any()))
                .thenThrow(new CognitoUnavailableException("RespondToAuthChallenge failed: 500", null));

        isProblem(mvc.perform(challenge(TEMPORARY, CHOSEN)), ProblemType.COGNITO_UNAVAILABLE);
    }

    @Test
    void challenge_answers400InvalidRequest_whenAFieldIsMissing() throws Exception {
        isProblem(mvc.perform(post("/auth/new-password-challenge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"new.admin@example.com\",\"temporaryPassword\":\"" + TEMPORARY + "\"}")),
                ProblemType.INVALID_REQUEST)
                .andExpect(jsonPath("$.detail", containsString("newPassword")))
                .andExpect(content().string(not(containsString(TEMPORARY))));
        verifyNoInteractions(firstLogin);
    }
}
