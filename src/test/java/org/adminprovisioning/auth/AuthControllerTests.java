package org.adminprovisioning.auth;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidCodeException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.InvalidMfaCodeException;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.RefreshTokenRejectedException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.adminprovisioning.cognito.TemporaryPasswordExpiredException;
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

import tools.jackson.databind.json.JsonMapper;

/** {@code /auth/*}: public, every answer and every error they give, with the services mocked. */
@WebMvcTest(AuthController.class)
@Import(SecuritySliceConfiguration.class)
class AuthControllerTests {

    private static final AuthTokens TOKENS = new AuthTokens("access.jwt.value", "id.jwt.value", "refresh-value", 3600,
            "Bearer");
    private static final AuthTokens REFRESHED = new AuthTokens("access.jwt.new", "id.jwt.new", null, 3600, "Bearer");
    private static final String TEMPORARY = "Temp-Passw0rd!";
    private static final String CHOSEN = "Chosen-Passw0rd!";
    private static final String SESSION = "AYABeSessionValue";
    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String OTPAUTH = "otpauth://totp/AdminProvisioning:new.admin@example.com?secret=" + SECRET
            + "&issuer=AdminProvisioning";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private FirstLoginService firstLogin;

    @MockitoBean
    private MfaSignInService mfa;

    @MockitoBean
    private TokenRefreshService refresh;

    @MockitoBean
    private ForgottenPasswordService forgottenPasswords;

    @MockitoBean
    private AdminRecords records;

    private static MockHttpServletRequestBuilder postJson(String path, Map<String, String> body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
    }

    private static MockHttpServletRequestBuilder login(String username, String password) {
        return postJson("/auth/login", Map.of("username", username, "password", password));
    }

    private static MockHttpServletRequestBuilder challenge(String temporary, String chosen) {
        return postJson("/auth/new-password-challenge", Map.of("username", "new.admin@example.com",
                "temporaryPassword", temporary, "newPassword", chosen));
    }

    private static MockHttpServletRequestBuilder mfaCode(String path, String code) {
        return postJson(path, Map.of("username", "new.admin@example.com", "session", SESSION, "code", code));
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

    // POST /auth/login

    @Test
    void login_answers200WithTokens_withoutAnyToken() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInStep.SignedIn(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN)));
    }

    @Test
    void login_answers200WithOnlyTheChallenge_forATemporaryPassword() throws Exception {
        when(firstLogin.login("new.admin@example.com", TEMPORARY)).thenReturn(new SignInStep.NewPasswordRequired());

        mvc.perform(login("new.admin@example.com", TEMPORARY))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"challenge\":\"NEW_PASSWORD_REQUIRED\"}", true));
    }

    @Test
    void login_answers200WithTheMfaChallengeAndItsSession_forAUserWithAnAuthenticatorApp() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInStep.SoftwareTokenMfaRequired(SESSION));

        mvc.perform(login("admin@example.com", CHOSEN))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"challenge\":\"SOFTWARE_TOKEN_MFA\",\"session\":\"" + SESSION + "\"}",
                        true));
    }

    @Test
    void login_answers200WithTheMfaSetup_secretAndOtpauthUri_whenThePoolRequiresMfa() throws Exception {
        when(firstLogin.login("new.admin@example.com", CHOSEN))
                .thenReturn(new SignInStep.MfaSetupRequired(SESSION, SECRET, OTPAUTH));

        mvc.perform(login("new.admin@example.com", CHOSEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", aMapWithSize(4)))
                .andExpect(jsonPath("$.challenge").value("MFA_SETUP"))
                .andExpect(jsonPath("$.session").value(SESSION))
                .andExpect(jsonPath("$.secretCode").value(SECRET))
                .andExpect(jsonPath("$.otpauthUri").value(OTPAUTH));
    }

    @Test
    void login_answers401InvalidCredentials_withoutSayingWhy() throws Exception {
        when(firstLogin.login(any(), any())).thenThrow(new InvalidCredentialsException(
                "InitiateAuth failed: NotAuthorizedException (400): Incorrect username or password.", null));

        isProblem(mvc.perform(login("new.admin@example.com", TEMPORARY)), ProblemType.INVALID_CREDENTIALS)
                .andExpect(jsonPath("$.detail").value("Incorrect username or password."));
    }

    @Test
    void login_answers401InviteExpired_forARightButExpiredTemporaryPassword_tellingWhoHelps() throws Exception {
        when(firstLogin.login(any(), any())).thenThrow(new TemporaryPasswordExpiredException("InitiateAuth failed: "
                + "NotAuthorizedException (400): Temporary password has expired and must be reset by an administrator.",
                null));

        isProblem(mvc.perform(login("new.admin@example.com", TEMPORARY)), ProblemType.INVITE_EXPIRED)
                .andExpect(jsonPath("$.detail", containsString("Ask an administrator to send you a new invitation")));
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
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInStep.SignedIn(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN).with(admin())));
    }

    @Test
    void login_ignoresABearerTokenItDoesNotNeed_evenOneTheDecoderRejects() throws Exception {
        when(firstLogin.login("admin@example.com", CHOSEN)).thenReturn(new SignInStep.SignedIn(TOKENS));

        areTokens(mvc.perform(login("admin@example.com", CHOSEN).header("Authorization", "Bearer expired.jwt.value")));
    }

    // POST /auth/new-password-challenge

    @Test
    void challenge_answers200WithTheFirstTokens() throws Exception {
        when(firstLogin.handleNewPasswordChallenge("new.admin@example.com", TEMPORARY, CHOSEN))
                .thenReturn(new SignInStep.SignedIn(TOKENS));

        areTokens(mvc.perform(challenge(TEMPORARY, CHOSEN)));
    }

    @Test
    void challenge_answers200WithTheMfaSetup_whenThePoolRequiresMfa() throws Exception {
        when(firstLogin.handleNewPasswordChallenge("new.admin@example.com", TEMPORARY, CHOSEN))
                .thenReturn(new SignInStep.MfaSetupRequired(SESSION, SECRET, OTPAUTH));

        mvc.perform(challenge(TEMPORARY, CHOSEN))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"challenge\":\"MFA_SETUP\",\"session\":\"" + SESSION + "\",\"secretCode\":\""
                        + SECRET + "\",\"otpauthUri\":\"" + OTPAUTH + "\"}", true));
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
    void challenge_answers401InvalidCredentials_forAWrongTemporaryPassword() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any())).thenThrow(new InvalidCredentialsException(
                "InitiateAuth failed: NotAuthorizedException (400): Incorrect username or password.", null));

        isProblem(mvc.perform(challenge("Wrong-Passw0rd!", CHOSEN)), ProblemType.INVALID_CREDENTIALS);
    }

    @Test
    void challenge_answers401InviteExpired_forAnExpiredTemporaryPassword() throws Exception {
        when(firstLogin.handleNewPasswordChallenge(any(), any(), any())).thenThrow(
                new TemporaryPasswordExpiredException("expired", null));

        isProblem(mvc.perform(challenge(TEMPORARY, CHOSEN)), ProblemType.INVITE_EXPIRED);
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
        isProblem(mvc.perform(postJson("/auth/new-password-challenge", Map.of("username", "new.admin@example.com",
                "temporaryPassword", TEMPORARY))), ProblemType.INVALID_REQUEST)
                .andExpect(jsonPath("$.detail", containsString("newPassword")))
                .andExpect(content().string(not(containsString(TEMPORARY))));
        verifyNoInteractions(firstLogin);
    }

    // POST /auth/mfa-setup and POST /auth/mfa

    @Test
    void mfaSetup_answers200WithTokens() throws Exception {
        when(mfa.completeMfaSetup("new.admin@example.com", SESSION, "123456")).thenReturn(TOKENS);

        areTokens(mvc.perform(mfaCode("/auth/mfa-setup", "123456")));
    }

    @Test
    void mfa_answers200WithTokens() throws Exception {
        when(mfa.answerMfaChallenge("new.admin@example.com", SESSION, "654321")).thenReturn(TOKENS);

        areTokens(mvc.perform(mfaCode("/auth/mfa", "654321")));
    }

    @Test
    void mfaSteps_answer401InvalidMfaCode_forAWrongOrReplayedCode() throws Exception {
        when(mfa.completeMfaSetup(any(), any(), any())).thenThrow(new InvalidMfaCodeException("mismatch", null));
        when(mfa.answerMfaChallenge(any(), any(), any())).thenThrow(new InvalidMfaCodeException("used once", null));

        isProblem(mvc.perform(mfaCode("/auth/mfa-setup", "000000")), ProblemType.INVALID_MFA_CODE)
                .andExpect(jsonPath("$.detail", containsString("authenticator app")));
        isProblem(mvc.perform(mfaCode("/auth/mfa", "000000")), ProblemType.INVALID_MFA_CODE);
    }

    @Test
    void mfaSteps_answer401SessionExpired_afterThreeMinutes() throws Exception {
        when(mfa.completeMfaSetup(any(), any(), any())).thenThrow(new SessionExpiredException("expired", null));
        when(mfa.answerMfaChallenge(any(), any(), any())).thenThrow(new SessionExpiredException("expired", null));

        isProblem(mvc.perform(mfaCode("/auth/mfa-setup", "123456")), ProblemType.SESSION_EXPIRED)
                .andExpect(jsonPath("$.detail").value("Your sign-in took too long and has expired. Please sign in "
                        + "again."));
        isProblem(mvc.perform(mfaCode("/auth/mfa", "123456")), ProblemType.SESSION_EXPIRED);
    }

    @Test
    void mfaSteps_answer400InvalidRequest_forACodeThatIsNotSixDigits_orNoSession() throws Exception {
        isProblem(mvc.perform(mfaCode("/auth/mfa", "12345a")), ProblemType.INVALID_REQUEST)
                .andExpect(jsonPath("$.detail").value("code: must be the 6 digits the authenticator app shows"));
        isProblem(mvc.perform(postJson("/auth/mfa-setup", Map.of("username", "a@example.com", "code", "123456"))),
                ProblemType.INVALID_REQUEST).andExpect(jsonPath("$.detail", containsString("session")));
        verifyNoInteractions(mfa);
    }

    // POST /auth/refresh

    @Test
    void refresh_answers200WithNewAccessAndIdTokens_butNoRefreshToken() throws Exception {
        when(refresh.refresh("admin@example.com", "refresh-value")).thenReturn(REFRESHED);

        mvc.perform(postJson("/auth/refresh", Map.of("refreshToken", "refresh-value", "username", "admin@example.com")))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"accessToken\":\"access.jwt.new\",\"idToken\":\"id.jwt.new\","
                        + "\"expiresIn\":3600,\"tokenType\":\"Bearer\"}", true));
    }

    @Test
    void refresh_answers401InvalidCredentials_sayingToSignInAgain_forARevokedToken() throws Exception {
        when(refresh.refresh(any(), any())).thenThrow(new RefreshTokenRejectedException("revoked", null));

        isProblem(mvc.perform(postJson("/auth/refresh", Map.of("refreshToken", "old", "username", "a@example.com"))),
                ProblemType.INVALID_CREDENTIALS)
                .andExpect(jsonPath("$.detail").value("Your session has ended. Please sign in again."));
    }

    // POST /auth/forgot-password and /auth/confirm-forgot-password

    @Test
    void forgotPassword_answers202WithNoBody_forAnyUsername() throws Exception {
        for (String username : new String[] {"admin@example.com", "nobody@example.com", "not-even-an-email"}) {
            mvc.perform(postJson("/auth/forgot-password", Map.of("username", username)))
                    .andExpect(status().isAccepted())
                    .andExpect(content().string(""));
            verify(forgottenPasswords).requestReset(username);
        }
    }

    @Test
    void confirmForgotPassword_answers200_andRefusesAWrongCodeWith401InvalidCode() throws Exception {
        mvc.perform(postJson("/auth/confirm-forgot-password", Map.of("username", "admin@example.com", "code",
                "123456", "newPassword", CHOSEN))).andExpect(status().isOk());
        verify(forgottenPasswords).confirmReset("admin@example.com", "123456", CHOSEN);

        doThrow(new InvalidCodeException("mismatch", null)).when(forgottenPasswords).confirmReset(any(), any(), any());
        isProblem(mvc.perform(postJson("/auth/confirm-forgot-password", Map.of("username", "admin@example.com",
                "code", "000000", "newPassword", CHOSEN))), ProblemType.INVALID_CODE)
                .andExpect(jsonPath("$.detail", containsString("ask for a new one")));
    }

    @Test
    void confirmForgotPassword_answers400PasswordPolicy_withoutThePassword() throws Exception {
        doThrow(new PasswordPolicyViolationException("ConfirmForgotPassword failed: InvalidPasswordException (400): "
                + "Password does not conform to policy: Password not long enough", null))
                .when(forgottenPasswords).confirmReset(any(), any(), any());

        isProblem(mvc.perform(postJson("/auth/confirm-forgot-password", Map.of("username", "admin@example.com",
                "code", "123456", "newPassword", "Sh0rt!"))), ProblemType.PASSWORD_POLICY)
                .andExpect(jsonPath("$.detail").value("Password does not conform to policy: Password not long enough"))
                .andExpect(content().string(not(containsString("Sh0rt!"))));
    }
}
