package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What neither emulator does faithfully, checked on the wire: a JDK {@link HttpServer} on
 * loopback stands in for Cognito, records every request the SDK sends (the
 * {@code X-Amz-Target} header names the operation, the body is Cognito's JSON protocol) and
 * answers with responses and errors shaped like Cognito's own. The client is the one the
 * {@code cognito} profile builds ({@link CognitoConfiguration#client}), so timeouts and the retry
 * policy are the configured ones too.
 */
class CognitoWireContractTests {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String CLIENT_ID = "5abc1example2client3id";
    private static final String CLIENT_SECRET = "s3cr3t-for-the-stub-only";
    private static final String AMZ_JSON = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> savedProperties = new java.util.HashMap<>();

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Recorded> requests = new ArrayList<>();

    /** One request as the SDK sent it. */
    record Recorded(String method, String path, String target, String contentType, JsonNode body) {
    }

    /** One scripted answer; {@code errorType} fills {@code x-amzn-ErrorType} as Cognito does. */
    record Answer(int status, String errorType, String body, Duration delay) {

        static Answer ok(String body) {
            return new Answer(200, null, body, Duration.ZERO);
        }

        static Answer error(int status, String type, String message) {
            return new Answer(status, type, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", Duration.ZERO);
        }
    }

    @BeforeAll
    static void dummyCredentials() {
        // The profile's client reads credentials from the SDK's default chain: system properties first.
        for (String key : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            savedProperties.put(key, System.getProperty(key));
        }
        System.setProperty("aws.accessKeyId", "AKIDSTUBEXAMPLE");
        System.setProperty("aws.secretAccessKey", "stub-secret-key-not-a-credential");
    }

    @AfterAll
    static void restoreCredentials() {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private synchronized Answer nextAnswer() {
        return answers.isEmpty() ? Answer.error(500, "InternalErrorException", "no answer scripted") : answers.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        synchronized (this) {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
        }
        Answer answer = nextAnswer();
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", AMZ_JSON);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "3b5c1e0a-stub-request");
        if (answer.errorType() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType",
                    answer.errorType() + ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/");
        }
        exchange.sendResponseHeaders(answer.status(), out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        } catch (IOException clientGaveUp) {
            // The SDK's attempt timeout closed the connection first: that is the point of the delay.
        }
    }

    private synchronized void script(Answer... scripted) {
        answers.addAll(List.of(scripted));
    }

    private synchronized List<Recorded> recorded() {
        return List.copyOf(requests);
    }

    private CognitoProperties properties(String clientSecret, int maxAttempts, Duration attemptTimeout) {
        return new CognitoProperties(POOL_ID, CLIENT_ID, clientSecret, "eu-west-1", "admins",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "", "", Duration.ofSeconds(10),
                attemptTimeout, maxAttempts, Duration.ofDays(7));
    }

    private <T> T withGateway(String clientSecret, int maxAttempts, java.util.function.Function<AwsCognitoGateway, T> use) {
        CognitoProperties properties = properties(clientSecret, maxAttempts, Duration.ofSeconds(3));
        try (CognitoIdentityProviderClient client = CognitoConfiguration.client(properties)) {
            return use.apply(new AwsCognitoGateway(client, properties));
        }
    }

    private static String user(String username, String email, String status) {
        return """
                {"Username":"%s","Attributes":[{"Name":"sub","Value":"%s"},{"Name":"email_verified","Value":"true"},\
                {"Name":"email","Value":"%s"}],"UserCreateDate":1.736938224508E9,"UserLastModifiedDate":1.737024624508E9,\
                "Enabled":true,"UserStatus":"%s"}""".formatted(username, username, email, status);
    }

    private static String tokens() {
        return """
                {"AuthenticationResult":{"AccessToken":"eyJraWQiOiJhY2Nlc3MifQ.access.sig","ExpiresIn":3600,\
                "IdToken":"eyJraWQiOiJpZCJ9.id.sig","RefreshToken":"eyJjdHkiOiJKV1QifQ.refresh","TokenType":"Bearer"},\
                "ChallengeParameters":{}}""";
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void createAdminUser_sendsAdminCreateUser_withEmailVerifiedTemporaryPasswordAndEmailDelivery() {
        script(Answer.ok("{\"User\":" + user("9a3c3f3e-uuid", "ann@example.com", "FORCE_CHANGE_PASSWORD") + "}"));

        CognitoUser created = withGateway("", 1, gateway -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a"));

        Recorded request = recorded().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.target()).isEqualTo(TARGET_PREFIX + "AdminCreateUser");
        assertThat(request.contentType()).startsWith(AMZ_JSON);
        assertThat(request.body()).isEqualTo(JSON.readTree("""
                {"UserPoolId":"eu-west-1_AbCdEf123","Username":"ann@example.com","TemporaryPassword":"Temp-Pass-123a",
                 "UserAttributes":[{"Name":"email","Value":"ann@example.com"},{"Name":"email_verified","Value":"true"}],
                 "DesiredDeliveryMediums":["EMAIL"]}"""));
        assertThat(created.username()).isEqualTo("9a3c3f3e-uuid");
        assertThat(created.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void resendInvite_sendsAdminCreateUser_withMessageActionResend_andNoAttributes() {
        script(Answer.ok("{\"User\":" + user("9a3c3f3e-uuid", "ann@example.com", "FORCE_CHANGE_PASSWORD") + "}"));

        CognitoUser user = withGateway("", 1, gateway -> gateway.resendInvite("9a3c3f3e-uuid", "Temp-Pass-789c"));

        List<Recorded> sent = recorded();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).target()).isEqualTo(TARGET_PREFIX + "AdminCreateUser");
        assertThat(sent.get(0).body()).isEqualTo(JSON.readTree("""
                {"UserPoolId":"eu-west-1_AbCdEf123","Username":"9a3c3f3e-uuid","TemporaryPassword":"Temp-Pass-789c",
                 "MessageAction":"RESEND","DesiredDeliveryMediums":["EMAIL"]}"""));
        assertThat(user.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
        assertThat(user.email()).isEqualTo("ann@example.com");
    }

    @Test
    void resendInvite_mapsTooManyRequestsException_toThrottled() {
        script(Answer.error(400, "TooManyRequestsException", "Too many requests"));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.resendInvite("9a3c3f3e-uuid", "Temp-Pass-789c")))
                .isInstanceOf(CognitoThrottledException.class)
                .hasMessageContaining("TooManyRequestsException (400)");
        assertThat(recorded()).hasSize(1);
    }

    @Test
    void resendInvite_ofAnAdminWhoAlreadySetAPassword_isAnInvalidInvite() {
        script(Answer.error(400, "UnsupportedUserStateException", "User is already confirmed."));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.resendInvite("9a3c3f3e-uuid", "Temp-Pass-789c")))
                .isInstanceOf(InvalidInviteException.class);
    }

    @Test
    void throttling_isRetriedUpToMaxAttempts_thenReportedAsThrottled() {
        script(Answer.error(400, "TooManyRequestsException", "Too many requests"),
                Answer.error(400, "TooManyRequestsException", "Too many requests"),
                Answer.error(400, "TooManyRequestsException", "Too many requests"));

        assertThatThrownBy(() -> withGateway("", 3, gateway -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a")))
                .isInstanceOf(CognitoThrottledException.class);
        assertThat(recorded()).hasSize(3)
                .allSatisfy(request -> assertThat(request.target()).isEqualTo(TARGET_PREFIX + "AdminCreateUser"));
    }

    @Test
    void serverErrors_areRetriedUpToMaxAttempts_andASuccessfulRetryWins() {
        script(Answer.error(500, "InternalErrorException", "Internal error"),
                Answer.ok("{\"User\":" + user("9a3c3f3e-uuid", "ann@example.com", "FORCE_CHANGE_PASSWORD") + "}"));

        CognitoUser created = withGateway("", 3, gateway -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a"));

        assertThat(created.username()).isEqualTo("9a3c3f3e-uuid");
        assertThat(recorded()).hasSize(2);
    }

    @Test
    void oneMaxAttempt_sendsEachCallOnce_asTheEmulatorsNeed() {
        script(Answer.error(500, "CognitoLocal#Unsupported", "Cognito Local unsupported feature: MessageAction=RESEND"));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.resendInvite("ann@example.com", "Temp-Pass-789c")))
                .isInstanceOf(CognitoUnavailableException.class);
        assertThat(recorded()).hasSize(1);
    }

    @Test
    void signIn_andNewPasswordChallenge_sendSecretHash_overTheTypedNameThenTheChallengedUsername() throws Exception {
        script(Answer.ok("""
                {"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"AYABeStubSession",
                 "ChallengeParameters":{"USER_ID_FOR_SRP":"9a3c3f3e-uuid","requiredAttributes":"[]",
                 "userAttributes":"{\\"email_verified\\":\\"true\\",\\"email\\":\\"ann@example.com\\"}"}}"""),
                Answer.ok(tokens()));

        AuthTokens tokens = withGateway(CLIENT_SECRET, 1, gateway -> {
            SignInResult result = gateway.signIn("ann@example.com", "Temp-Pass-123a");
            assertThat(result).isEqualTo(new SignInResult.NewPasswordRequired("9a3c3f3e-uuid", "AYABeStubSession"));
            return ((SignInResult.Authenticated) gateway.respondToNewPasswordChallenge("9a3c3f3e-uuid",
                    "AYABeStubSession", "Strong-Pass-456b")).tokens();
        });

        List<Recorded> sent = recorded();
        assertThat(sent).extracting(Recorded::target)
                .containsExactly(TARGET_PREFIX + "InitiateAuth", TARGET_PREFIX + "RespondToAuthChallenge");
        assertThat(sent.get(0).body()).isEqualTo(JSON.readTree("""
                {"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"%s",
                 "AuthParameters":{"USERNAME":"ann@example.com","PASSWORD":"Temp-Pass-123a","SECRET_HASH":"%s"}}"""
                .formatted(CLIENT_ID, hmac("ann@example.com" + CLIENT_ID))));
        assertThat(sent.get(1).body()).isEqualTo(JSON.readTree("""
                {"ClientId":"%s","ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"AYABeStubSession",
                 "ChallengeResponses":{"USERNAME":"9a3c3f3e-uuid","NEW_PASSWORD":"Strong-Pass-456b","SECRET_HASH":"%s"}}"""
                .formatted(CLIENT_ID, hmac("9a3c3f3e-uuid" + CLIENT_ID))));
        // Reference value computed outside Java:
        // printf '9a3c3f3e-uuid5abc1example2client3id' | openssl dgst -sha256 -hmac s3cr3t-for-the-stub-only -binary | base64
        assertThat(sent.get(1).body().get("ChallengeResponses").get("SECRET_HASH").asString())
                .isEqualTo("OzVtmE5jqFfQME4bWYujC2FtrUq/FvzHW2vX7Te9tSc=");
        assertThat(tokens.accessToken()).isEqualTo("eyJraWQiOiJhY2Nlc3MifQ.access.sig");
        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
    }

    @Test
    void mfaSetup_atSignIn_associatesTheSoftwareToken_thenVerifiesAndAnswersMfaSetup_withSecretHash() throws Exception {
        script(Answer.ok("""
                {"ChallengeName":"MFA_SETUP","Session":"session-1",
                 "ChallengeParameters":{"MFAS_CAN_SETUP":"[\\"SOFTWARE_TOKEN_MFA\\"]","USER_ID_FOR_SRP":"9a3c3f3e-uuid"}}"""),
                Answer.ok("{\"SecretCode\":\"JBSWY3DPEHPK3PXP\",\"Session\":\"session-2\"}"),
                Answer.ok("{\"Status\":\"SUCCESS\",\"Session\":\"session-3\"}"),
                Answer.ok(tokens()));

        AuthTokens tokens = withGateway(CLIENT_SECRET, 1, gateway -> {
            SignInResult result = gateway.signIn("ann@example.com", "Strong-Pass-456b");
            assertThat(result).isEqualTo(new SignInResult.MfaSetupRequired("9a3c3f3e-uuid", "session-2",
                    "JBSWY3DPEHPK3PXP"));
            return gateway.completeMfaSetup("9a3c3f3e-uuid", "session-2", "123456");
        });

        List<Recorded> sent = recorded();
        assertThat(sent).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "InitiateAuth",
                TARGET_PREFIX + "AssociateSoftwareToken", TARGET_PREFIX + "VerifySoftwareToken",
                TARGET_PREFIX + "RespondToAuthChallenge");
        assertThat(sent.get(1).body()).isEqualTo(JSON.readTree("{\"Session\":\"session-1\"}"));
        assertThat(sent.get(2).body()).isEqualTo(JSON.readTree("{\"Session\":\"session-2\",\"UserCode\":\"123456\"}"));
        assertThat(sent.get(3).body()).isEqualTo(JSON.readTree("""
                {"ClientId":"%s","ChallengeName":"MFA_SETUP","Session":"session-3",
                 "ChallengeResponses":{"USERNAME":"9a3c3f3e-uuid","SECRET_HASH":"%s"}}"""
                .formatted(CLIENT_ID, hmac("9a3c3f3e-uuid" + CLIENT_ID))));
        assertThat(tokens.accessToken()).isEqualTo("eyJraWQiOiJhY2Nlc3MifQ.access.sig");
    }

    @Test
    void newPasswordChallenge_answeredWithMfaSetup_isRelayedWithTheSecret_notTurnedInto503() {
        script(Answer.ok("""
                {"ChallengeName":"MFA_SETUP","Session":"session-2","ChallengeParameters":{"MFAS_CAN_SETUP":"[\\"SMS_MFA\\",\\"SOFTWARE_TOKEN_MFA\\"]"}}"""),
                Answer.ok("{\"SecretCode\":\"JBSWY3DPEHPK3PXP\",\"Session\":\"session-3\"}"));

        SignInResult next = withGateway("", 1,
                gateway -> gateway.respondToNewPasswordChallenge("9a3c3f3e-uuid", "session-1", "Strong-Pass-456b"));

        assertThat(next).isEqualTo(new SignInResult.MfaSetupRequired("9a3c3f3e-uuid", "session-3", "JBSWY3DPEHPK3PXP"));
        assertThat(recorded()).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "RespondToAuthChallenge",
                TARGET_PREFIX + "AssociateSoftwareToken");
    }

    @Test
    void mfaSetup_asMotoSendsIt_withABareJsonArray_isStillRecognisedAsOfferingAnApp() {
        script(Answer.ok("""
                {"ChallengeName":"MFA_SETUP","Session":"session-1","ChallengeParameters":{"MFAS_CAN_SETUP":["SOFTWARE_TOKEN_MFA"]}}"""),
                Answer.ok("{\"SecretCode\":\"asdfasdfasdf\",\"Session\":\"session-1\"}"));

        SignInResult next = withGateway("", 1,
                gateway -> gateway.respondToNewPasswordChallenge("ann@example.com", "session-1", "Strong-Pass-456b"));

        assertThat(next).isEqualTo(new SignInResult.MfaSetupRequired("ann@example.com", "session-1", "asdfasdfasdf"));
    }

    @Test
    void mfaSetup_offeringOnlySms_isNotAnsweredWithAnApp() {
        script(Answer.ok("""
                {"ChallengeName":"MFA_SETUP","Session":"session-1","ChallengeParameters":{"MFAS_CAN_SETUP":"[\\"SMS_MFA\\"]"}}"""));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.signIn("ann@example.com", "Strong-Pass-456b")))
                .isInstanceOf(CognitoUnavailableException.class).hasMessageContaining("MFA_SETUP");
        assertThat(recorded()).hasSize(1);
    }

    @Test
    void softwareTokenMfa_atSignIn_isAnsweredWithTheCodeAndSecretHash_overTheChallengedUsername() throws Exception {
        script(Answer.ok("""
                {"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"session-1",
                 "ChallengeParameters":{"USER_ID_FOR_SRP":"9a3c3f3e-uuid"}}"""), Answer.ok(tokens()));

        withGateway(CLIENT_SECRET, 1, gateway -> {
            SignInResult result = gateway.signIn("ann@example.com", "Strong-Pass-456b");
            assertThat(result).isEqualTo(new SignInResult.SoftwareTokenMfaRequired("9a3c3f3e-uuid", "session-1"));
            return gateway.respondToMfaChallenge("9a3c3f3e-uuid", "session-1", "654321");
        });

        assertThat(recorded().get(1).body()).isEqualTo(JSON.readTree("""
                {"ClientId":"%s","ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"session-1",
                 "ChallengeResponses":{"USERNAME":"9a3c3f3e-uuid","SOFTWARE_TOKEN_MFA_CODE":"654321","SECRET_HASH":"%s"}}"""
                .formatted(CLIENT_ID, hmac("9a3c3f3e-uuid" + CLIENT_ID))));
    }

    @Test
    void aChallengeThisServiceDoesNotAnswer_isCognitoUnavailable_namingWhatToConfigure() {
        script(Answer.ok("{\"ChallengeName\":\"SMS_MFA\",\"Session\":\"s\",\"ChallengeParameters\":{}}"));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.signIn("ann@example.com", "Strong-Pass-456b")))
                .isInstanceOf(CognitoUnavailableException.class)
                .hasMessageContaining("SMS_MFA")
                .hasMessageContaining("software-token (TOTP) MFA");
    }

    @Test
    void mfaErrors_becomeInvalidMfaCode_orSessionExpired_andTheSessionNeverReachesAMessage() {
        script(Answer.error(400, "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA mode"),
                Answer.error(400, "CodeMismatchException", "Invalid code received for user"),
                Answer.error(400, "ExpiredCodeException", "Your software token has already been used once."),
                Answer.error(400, "NotAuthorizedException", "Invalid session for the user, session is expired."),
                Answer.error(400, "ResourceNotFoundException", "session-echoed-by-an-emulator"));

        withGateway("", 1, gateway -> {
            assertThatThrownBy(() -> gateway.completeMfaSetup("u", "session-1", "123456"))
                    .isInstanceOf(InvalidMfaCodeException.class);
            assertThatThrownBy(() -> gateway.respondToMfaChallenge("u", "session-1", "123456"))
                    .isInstanceOf(InvalidMfaCodeException.class);
            assertThatThrownBy(() -> gateway.respondToMfaChallenge("u", "session-1", "123456"))
                    .isInstanceOf(InvalidMfaCodeException.class).hasMessageContaining("already been used once");
            assertThatThrownBy(() -> gateway.respondToMfaChallenge("u", "session-1", "123456"))
                    .isInstanceOf(SessionExpiredException.class);
            assertThatThrownBy(() -> gateway.respondToMfaChallenge("u", "session-echoed-by-an-emulator", "123456"))
                    .isInstanceOf(CognitoUnavailableException.class)
                    .message().doesNotContain("session-echoed-by-an-emulator").contains("****");
            return null;
        });
    }

    @Test
    void anExpiredTemporaryPassword_isTemporaryPasswordExpired_andAWrongOneInvalidCredentials() {
        script(Answer.error(400, "NotAuthorizedException",
                "Temporary password has expired and must be reset by an administrator."),
                Answer.error(400, "NotAuthorizedException", "Incorrect username or password."));

        withGateway("", 1, gateway -> {
            assertThatThrownBy(() -> gateway.signIn("ann@example.com", "Temp-Pass-123a"))
                    .isInstanceOf(TemporaryPasswordExpiredException.class);
            assertThatThrownBy(() -> gateway.signIn("ann@example.com", "Temp-Pass-123b"))
                    .isExactlyInstanceOf(InvalidCredentialsException.class);
            return null;
        });
    }

    @Test
    void refresh_sendsRefreshTokenAuth_withSecretHashOverThePoolsUsername_andAnswersNoNewRefreshToken() throws Exception {
        script(Answer.ok("""
                {"AuthenticationResult":{"AccessToken":"new.access.sig","ExpiresIn":3600,"IdToken":"new.id.sig",
                 "TokenType":"Bearer"},"ChallengeParameters":{}}"""));

        AuthTokens tokens = withGateway(CLIENT_SECRET, 1, gateway -> gateway.refreshTokens("9a3c3f3e-uuid", "refresh-1"));

        assertThat(recorded().get(0).target()).isEqualTo(TARGET_PREFIX + "InitiateAuth");
        assertThat(recorded().get(0).body()).isEqualTo(JSON.readTree("""
                {"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"%s",
                 "AuthParameters":{"REFRESH_TOKEN":"refresh-1","USERNAME":"9a3c3f3e-uuid","SECRET_HASH":"%s"}}"""
                .formatted(CLIENT_ID, hmac("9a3c3f3e-uuid" + CLIENT_ID))));
        assertThat(tokens.accessToken()).isEqualTo("new.access.sig");
        assertThat(tokens.refreshToken()).isNull();
    }

    @Test
    void refresh_withoutClientSecret_sendsOnlyTheRefreshToken_andARevokedOneIsRejected() {
        script(Answer.error(400, "NotAuthorizedException", "Refresh Token has been revoked"));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.refreshTokens("9a3c3f3e-uuid", "refresh-1")))
                .isInstanceOf(RefreshTokenRejectedException.class)
                .message().doesNotContain("refresh-1");
        assertThat(recorded().get(0).body().get("AuthParameters")).isEqualTo(JSON.readTree(
                "{\"REFRESH_TOKEN\":\"refresh-1\"}"));
    }

    @Test
    void forgotAndConfirmForgotPassword_sendTheirSecretHash_asATopLevelField() throws Exception {
        script(Answer.ok("""
                {"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"""),
                Answer.ok("{}"));

        withGateway(CLIENT_SECRET, 1, gateway -> {
            gateway.forgotPassword("9a3c3f3e-uuid");
            gateway.confirmForgotPassword("9a3c3f3e-uuid", "123456", "Brand-New-Pass-1");
            return null;
        });

        String hash = hmac("9a3c3f3e-uuid" + CLIENT_ID);
        assertThat(recorded()).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "ForgotPassword",
                TARGET_PREFIX + "ConfirmForgotPassword");
        assertThat(recorded().get(0).body()).isEqualTo(JSON.readTree("""
                {"ClientId":"%s","SecretHash":"%s","Username":"9a3c3f3e-uuid"}""".formatted(CLIENT_ID, hash)));
        assertThat(recorded().get(1).body()).isEqualTo(JSON.readTree("""
                {"ClientId":"%s","SecretHash":"%s","Username":"9a3c3f3e-uuid","ConfirmationCode":"123456",
                 "Password":"Brand-New-Pass-1"}""".formatted(CLIENT_ID, hash)));
    }

    @Test
    void confirmForgotPassword_errors_becomeInvalidCode_orPasswordPolicy() {
        script(Answer.error(400, "CodeMismatchException", "Invalid verification code provided, please try again."),
                Answer.error(400, "ExpiredCodeException", "Invalid code provided, please request a code again."),
                Answer.error(400, "InvalidPasswordException", "Password does not conform to policy: Password not long enough"));

        withGateway("", 1, gateway -> {
            assertThatThrownBy(() -> gateway.confirmForgotPassword("u", "000000", "Brand-New-Pass-1"))
                    .isInstanceOf(InvalidCodeException.class);
            assertThatThrownBy(() -> gateway.confirmForgotPassword("u", "000000", "Brand-New-Pass-1"))
                    .isInstanceOf(InvalidCodeException.class);
            assertThatThrownBy(() -> gateway.confirmForgotPassword("u", "123456", "short"))
                    .isInstanceOf(PasswordPolicyViolationException.class);
            return null;
        });
    }

    @Test
    void signIn_withoutClientSecret_sendsNoSecretHash() {
        script(Answer.ok(tokens()));

        SignInResult result = withGateway("", 1, gateway -> gateway.signIn("ann@example.com", "Strong-Pass-456b"));

        assertThat(result).isInstanceOf(SignInResult.Authenticated.class);
        assertThat(recorded().get(0).body().get("AuthParameters").has("SECRET_HASH")).isFalse();
    }

    @Test
    void signIn_withAWrongPassword_isInvalidCredentials() {
        script(Answer.error(400, "NotAuthorizedException", "Incorrect username or password."));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.signIn("ann@example.com", "wrong")))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void newPasswordChallenge_withAWeakPassword_isAPasswordPolicyViolation() {
        script(Answer.error(400, "InvalidPasswordException",
                "Password does not conform to policy: Password not long enough"));

        assertThatThrownBy(() -> withGateway("", 1,
                gateway -> gateway.respondToNewPasswordChallenge("9a3c3f3e-uuid", "AYABeStubSession", "weak")))
                .isInstanceOf(PasswordPolicyViolationException.class)
                .hasMessageContaining("Password does not conform to policy");
    }

    @Test
    void createAdminUser_ofAnExistingUser_isAdminAlreadyExistsInCognito() {
        script(Answer.error(400, "UsernameExistsException", "An account with the given email already exists."));

        assertThatThrownBy(() -> withGateway("", 1, gateway -> gateway.createAdminUser("ann@example.com", "Temp-Pass-123a")))
                .isInstanceOf(AdminAlreadyExistsInCognitoException.class);
    }

    @Test
    void deleteUser_ofAUserAlreadyGone_succeeds() {
        script(Answer.error(400, "UserNotFoundException", "User does not exist."));

        withGateway("", 1, gateway -> {
            gateway.deleteUser("9a3c3f3e-uuid");
            return null;
        });

        assertThat(recorded()).singleElement().satisfies(request -> {
            assertThat(request.target()).isEqualTo(TARGET_PREFIX + "AdminDeleteUser");
            assertThat(request.body()).isEqualTo(JSON.readTree(
                    "{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"Username\":\"9a3c3f3e-uuid\"}"));
        });
    }

    @Test
    void addToAdminGroup_sendsTheConfiguredGroup() {
        script(Answer.ok("{}"));

        withGateway("", 1, gateway -> {
            gateway.addToAdminGroup("9a3c3f3e-uuid");
            return null;
        });

        assertThat(recorded().get(0).target()).isEqualTo(TARGET_PREFIX + "AdminAddUserToGroup");
        assertThat(recorded().get(0).body()).isEqualTo(JSON.readTree(
                "{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"Username\":\"9a3c3f3e-uuid\",\"GroupName\":\"admins\"}"));
    }

    @Test
    void listAdminGroupUsers_pagesWithLimitAndNextToken() {
        script(Answer.ok("{\"Users\":[" + user("9a3c3f3e-uuid", "ann@example.com", "CONFIRMED")
                + "],\"NextToken\":\"page-2-token\"}"), Answer.ok("{\"Users\":[]}"));

        List<CognitoUserPage> pages = withGateway("", 1, gateway -> {
            CognitoUserPage first = gateway.listAdminGroupUsers(null);
            return List.of(first, gateway.listAdminGroupUsers(first.nextToken()));
        });

        assertThat(pages.get(0).users()).extracting(CognitoUser::username).containsExactly("9a3c3f3e-uuid");
        assertThat(pages.get(1).nextToken()).isNull();
        assertThat(recorded()).extracting(Recorded::body).containsExactly(
                JSON.readTree("{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"GroupName\":\"admins\",\"Limit\":60}"),
                JSON.readTree("{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"GroupName\":\"admins\",\"Limit\":60,"
                        + "\"NextToken\":\"page-2-token\"}"));
    }

    @Test
    void findUser_asksAdminGetUserOnly_neverListUsersOnTheUserWritableEmail() {
        script(Answer.error(400, "UserNotFoundException", "User does not exist."));

        Optional<CognitoUser> found = withGateway("", 1, gateway -> gateway.findUser("ann@example.com"));

        assertThat(found).isEmpty();

        assertThat(recorded()).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "AdminGetUser");
        assertThat(recorded().get(0).body().get("Username").asString()).isEqualTo("ann@example.com");
    }

    @Test
    void disableEnableAndSignOut_sendTheUsernameToTheirApis() {
        script(Answer.ok("{}"), Answer.ok("{}"), Answer.ok("{}"));

        withGateway("", 1, gateway -> {
            gateway.disableUser("9a3c3f3e-uuid");
            gateway.signOutEverywhere("9a3c3f3e-uuid");
            gateway.enableUser("9a3c3f3e-uuid");
            return null;
        });

        assertThat(recorded()).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "AdminDisableUser",
                TARGET_PREFIX + "AdminUserGlobalSignOut", TARGET_PREFIX + "AdminEnableUser");
        assertThat(recorded()).extracting(Recorded::body).containsOnly(
                JSON.readTree("{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"Username\":\"9a3c3f3e-uuid\"}"));
    }

    @Test
    void isInAdminGroup_readsTheUsersGroups() {
        script(Answer.ok("{\"Groups\":[{\"GroupName\":\"readers\"},{\"GroupName\":\"admins\"}]}"));

        Boolean member = withGateway("", 1, gateway -> gateway.isInAdminGroup("9a3c3f3e-uuid"));

        assertThat(member).isTrue();

        assertThat(recorded()).extracting(Recorded::target).containsExactly(TARGET_PREFIX + "AdminListGroupsForUser");
    }

    @Test
    void anAttemptThatOutlivesItsTimeout_isCognitoUnavailable() {
        script(new Answer(200, null, "{}", Duration.ofSeconds(2)));
        CognitoProperties properties = properties("", 1, Duration.ofMillis(200));

        try (CognitoIdentityProviderClient client = CognitoConfiguration.client(properties)) {
            AwsCognitoGateway gateway = new AwsCognitoGateway(client, properties);
            assertThatThrownBy(() -> gateway.addToAdminGroup("9a3c3f3e-uuid"))
                    .isInstanceOf(CognitoUnavailableException.class);
        }
    }

    @Test
    void anUnreachableEndpoint_isCognitoUnavailable() {
        CognitoProperties properties = properties("", 1, Duration.ofSeconds(3));
        server.stop(0);

        try (CognitoIdentityProviderClient client = CognitoConfiguration.client(properties)) {
            AwsCognitoGateway gateway = new AwsCognitoGateway(client, properties);
            assertThatThrownBy(() -> gateway.findUser("ann@example.com"))
                    .isInstanceOf(CognitoUnavailableException.class)
                    .hasMessageContaining("client error");
        }
    }
}
