package org.adminprovisioning.cognito.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.ConsolePage;
import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.scim.ScimSdk;
import org.adminprovisioning.testsupport.Authenticator;
import org.adminprovisioning.testsupport.HeadlessChromium;
import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.types.UserResource;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole story over HTTP against a Cognito emulator, with the service in the {@code cognito}
 * profile and {@link org.adminprovisioning.cognito.AwsCognitoGateway} speaking the real wire
 * protocol: the bootstrap admin signs in, creates an admin, the new admin answers the
 * {@code NEW_PASSWORD_REQUIRED} challenge with the temporary password read from the emulator's
 * state (the "email"), and creates a third admin with the tokens the emulator signed; then the
 * documented errors, and a database failure after Cognito succeeded that leaves no user behind.
 *
 * <p>Each subclass names one emulator and one kind of pool and starts them in a static
 * {@code @BeforeAll} with {@link #startEmulator}, before Spring builds the context. A missing
 * emulator skips the class with the reason ({@link Peers}: fails under {@code CI=true}); a scenario
 * that needs what the emulator does not do is skipped with the gap named ({@link EmulatorGap}).
 * The service's SDK client makes one attempt per call ({@code cognito.max-attempts=1}): an
 * unsupported operation answers 500, which the SDK would otherwise retry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("cognito")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class CognitoEmulatorStory {

    static final String BOOTSTRAP_EMAIL = "root.admin@example.com";
    static final String BOOTSTRAP_PASSWORD = "Bootstrap-Pass-2024!";
    static final String STRONG_PASSWORD = "Chosen-Pass-4242!";
    static final String PROBLEM_BASE = "https://adminprovisioning.org/problems/";
    static final String SCIM_TOKEN = "scim-test-connector-secret-0123456789abcdef";
    static final String SCIM_TOKEN_SHA256 = "21c1bfc6af5a3bd2dcbb1c9cf4f746c5773cd7afed541614b3e6f49e016d8a67";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> savedProperties = new HashMap<>();

    static CognitoEmulator emulator;
    static EmulatorPool pool;
    static String bootstrapUsername;
    private static Instant startedAt;
    private static String bootstrapToken;

    @LocalServerPort
    int port;

    /** Every call to the real records; one scenario makes the database write fail. */
    @MockitoSpyBean
    AdminRecords records;

    /** Starts the emulator (skipping when absent), sets up the pool and seeds the bootstrap admin. */
    interface Starter {
        CognitoEmulator start() throws Exception;
    }

    static void startEmulator(String peer, Availability availability, Starter starter, EmulatorPool.Kind kind)
            throws Exception {
        startedAt = Instant.now();
        Peers.assumeAvailable(peer, availability.available(), availability.reason());
        for (String key : new String[] { "aws.accessKeyId", "aws.secretAccessKey" }) {
            savedProperties.put(key, System.getProperty(key));
        }
        // The service's client takes credentials from the SDK's default chain: dummy ones here.
        System.setProperty("aws.accessKeyId", "emulator-access-key");
        System.setProperty("aws.secretAccessKey", "emulator-secret-key");
        emulator = starter.start();
        pool = EmulatorPool.create(emulator, kind);
        bootstrapUsername = pool.seedConfirmedUser(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD, true);
        bootstrapToken = null;
    }

    @DynamicPropertySource
    static void cognitoProfileAgainstTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("cognito.endpoint", () -> emulator.endpoint().toString());
        registry.add("cognito.region", () -> "us-east-1");
        registry.add("cognito.user-pool-id", () -> pool.poolId());
        registry.add("cognito.client-id", () -> pool.clientId());
        registry.add("cognito.client-secret", () -> "");
        registry.add("cognito.admin-group", () -> EmulatorPool.ADMIN_GROUP);
        registry.add("cognito.issuer", () -> emulator.issuer(pool.poolId()));
        registry.add("cognito.jwk-set-uri", () -> emulator.jwkSetUri(pool.poolId()));
        registry.add("cognito.max-attempts", () -> "1");
        registry.add("cognito.api-call-attempt-timeout", () -> "10s");
        registry.add("cognito.api-call-timeout", () -> "15s");
        registry.add("provisioning.bootstrap-admin.email", () -> BOOTSTRAP_EMAIL);
        registry.add("provisioning.scim.connectors[0].name", () -> "emulator-idp");
        registry.add("provisioning.scim.connectors[0].token-sha256", () -> SCIM_TOKEN_SHA256);
        // A database of its own: other suites' contexts share the JVM and the default H2 name. The
        // PostgreSQL execution already gives every context a fresh schema.
        if (!TestDatabase.postgresMode()) {
            registry.add("spring.datasource.url",
                    () -> "jdbc:h2:mem:emulator-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
            // The cognito profile refuses an in-memory database; here the emulator's pool dies with it.
            registry.add("provisioning.dev.disposable-state", () -> "true");
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            System.out.println("EMULATOR SUITE " + emulator + ", " + (pool == null ? "no" : pool.kind()) + " pool: "
                    + Duration.between(startedAt, Instant.now()).toMillis() + " ms from emulator start to last scenario");
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The story

    @Test
    void bootstrapAdmin_isAdoptedFromThePool_asAnActiveAdmin() {
        AdminAccount bootstrap = records.findByEmail(BOOTSTRAP_EMAIL).orElseThrow();

        assertThat(bootstrap.status()).isEqualTo(AdminStatus.ACTIVE);
        assertThat(bootstrap.cognitoUsername()).isEqualTo(bootstrapUsername);
        assertThat(bootstrap.invitedBy()).isNull();
    }

    @Test
    void story_bootstrapAdminCreatesAnAdmin_whoSetsAPassword_andCreatesAThirdAdmin() throws Exception {
        String second = "second." + suffix() + "@example.com";

        // The bootstrap admin signs in and creates an admin (mixed case on purpose).
        Response created = post("/admins", Map.of("email", second.toUpperCase()), bootstrapToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("email").asString()).isEqualTo(second);
        assertThat(created.body().path("status").asString()).isEqualTo("INVITED");
        assertThat(created.body().path("invitedBy").asString()).isEqualTo(BOOTSTRAP_EMAIL);
        String id = created.body().path("id").asString();
        String cognitoUsername = created.body().path("cognitoUsername").asString();
        assertThat(created.location()).isEqualTo("/admins/" + id);
        if (pool.kind() == EmulatorPool.Kind.EMAIL_AS_USERNAME) {
            assertThat(UUID.fromString(cognitoUsername)).as("the pool chose a UUID username").isNotNull();
        } else {
            assertThat(cognitoUsername).isEqualTo(second);
        }

        // The emulator has the user, in the admin group, waiting for its first sign-in ...
        UserType inPool = pool.userWithEmail(second).orElseThrow();
        assertThat(inPool.username()).isEqualTo(cognitoUsername);
        assertThat(inPool.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(inPool.attributes()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("email_verified");
            assertThat(a.value()).isEqualTo("true");
        });
        assertThat(pool.groupsOf(cognitoUsername)).containsExactly(EmulatorPool.ADMIN_GROUP);
        // ... and so does our database.
        Response invited = get("/admins/" + id, bootstrapToken());
        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.body().path("status").asString()).isEqualTo("INVITED");
        assertThat(records.findByEmail(second)).get().extracting(AdminAccount::cognitoUsername).isEqualTo(cognitoUsername);

        // The invitation "email": the emulator's own state holds the temporary password.
        String temporaryPassword = emulator.temporaryPassword(pool.poolId(), second);

        // Signing in with it asks for a new password ...
        Response login = post("/auth/login", Map.of("username", second, "password", temporaryPassword), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.body().path("challenge").asString()).isEqualTo("NEW_PASSWORD_REQUIRED");
        assertThat(login.body().has("accessToken")).isFalse();

        // ... which the new admin answers, getting tokens signed by the emulator.
        Response answered = post("/auth/new-password-challenge", Map.of("username", second,
                "temporaryPassword", temporaryPassword, "newPassword", STRONG_PASSWORD), null);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.body().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(answered.body().path("expiresIn").asInt()).isPositive();
        assertThat(answered.body().path("idToken").asString()).isNotBlank();
        assertThat(answered.body().path("refreshToken").asString()).isNotBlank();
        String secondToken = answered.body().path("accessToken").asString();
        assertThat(header(secondToken).path("kid").asString()).isEqualTo(emulator.signingKeyId());
        assertThat(header(secondToken).path("alg").asString()).isEqualTo("RS256");
        JsonNode claims = claims(secondToken);
        assertThat(claims.path("iss").asString()).isEqualTo(emulator.issuer(pool.poolId()));
        assertThat(claims.path("token_use").asString()).isEqualTo("access");
        assertThat(claims.path("client_id").asString()).isEqualTo(pool.clientId());
        assertThat(claims.path("username").asString()).isEqualTo(cognitoUsername);

        assertThat(pool.userWithEmail(second).orElseThrow().userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        Response active = get("/admins/" + id, bootstrapToken());
        assertThat(active.body().path("status").asString()).isEqualTo("ACTIVE");

        // The new admin signs in with its own password now, and creates a third admin.
        Response again = post("/auth/login", Map.of("username", second, "password", STRONG_PASSWORD), null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().path("accessToken").asString()).isNotBlank();

        String third = "third." + suffix() + "@example.com";
        Response thirdCreated = post("/admins", Map.of("email", third), secondToken);
        assertThat(thirdCreated.status()).as(thirdCreated.toString()).isEqualTo(201);
        assertThat(thirdCreated.body().path("invitedBy").asString()).isEqualTo(second);
        UserType thirdInPool = pool.userWithEmail(third).orElseThrow();
        assertThat(thirdInPool.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(pool.groupsOf(thirdInPool.username())).containsExactly(EmulatorPool.ADMIN_GROUP);
        assertThat(records.findByEmail(third)).get().extracting(AdminAccount::status).isEqualTo(AdminStatus.INVITED);
    }

    // ---------------------------------------------------------------------------------------------
    // The documented errors

    @Test
    void weakNewPassword_isRefusedWithPasswordPolicy_andTheTemporaryPasswordStillWorks() throws Exception {
        skipOn(EmulatorGap.NEW_PASSWORD_POLICY);
        String email = invite("weak");
        String temporaryPassword = emulator.temporaryPassword(pool.poolId(), email);

        Response weak = post("/auth/new-password-challenge",
                Map.of("username", email, "temporaryPassword", temporaryPassword, "newPassword", "weak"), null);

        assertProblem(weak, 400, "password-policy");
        assertThat(pool.userWithEmail(email).orElseThrow().userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        Response strong = post("/auth/new-password-challenge",
                Map.of("username", email, "temporaryPassword", temporaryPassword, "newPassword", STRONG_PASSWORD), null);
        assertThat(strong.status()).as(strong.toString()).isEqualTo(200);
    }

    @Test
    void wrongTemporaryPassword_isRefusedWithInvalidCredentials() throws Exception {
        skipOn(EmulatorGap.TEMPORARY_PASSWORD_CHECK);
        String email = invite("wrongtemp");

        Response wrong = post("/auth/new-password-challenge",
                Map.of("username", email, "temporaryPassword", "Not-The-Temp-Pass-1!", "newPassword", STRONG_PASSWORD),
                null);

        assertProblem(wrong, 401, "invalid-credentials");
        assertThat(pool.userWithEmail(email).orElseThrow().userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(records.findByEmail(email)).get().extracting(AdminAccount::status).isEqualTo(AdminStatus.INVITED);
    }

    @Test
    void wrongPassword_ofAnActiveAdmin_isRefusedWithInvalidCredentials() throws Exception {
        Response wrong = post("/auth/login", Map.of("username", BOOTSTRAP_EMAIL, "password", "Wrong-Pass-999!"), null);

        assertProblem(wrong, 401, "invalid-credentials");
    }

    @Test
    void duplicateEmail_isRefusedWithAdminExists_andCognitoIsLeftAsItWas() throws Exception {
        String email = invite("duplicate");

        Response duplicate = post("/admins", Map.of("email", " " + email.toUpperCase() + " "), bootstrapToken());

        assertProblem(duplicate, 409, "admin-exists");
        assertThat(pool.usersWithEmail(email)).hasSize(1);
    }

    @Test
    void emailKnownOnlyToCognito_isRefusedWithAdminExists_andTheirUserIsNotTouched() throws Exception {
        String email = "outsider." + suffix() + "@example.com";
        String username = pool.seedConfirmedUser(email, STRONG_PASSWORD, false);

        Response refused = post("/admins", Map.of("email", email), bootstrapToken());

        assertProblem(refused, 409, "admin-exists");
        assertThat(records.findByEmail(email)).isEmpty();
        UserType untouched = pool.userWithEmail(email).orElseThrow();
        assertThat(untouched.username()).isEqualTo(username);
        assertThat(untouched.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(pool.groupsOf(username)).isEmpty();
    }

    @Test
    void tokenOfAPoolUserOutsideTheAdminGroup_isForbidden() throws Exception {
        String email = "member." + suffix() + "@example.com";
        pool.seedConfirmedUser(email, STRONG_PASSWORD, false);
        Response login = post("/auth/login", Map.of("username", email, "password", STRONG_PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String memberToken = login.body().path("accessToken").asString();

        assertProblem(post("/admins", Map.of("email", "victim." + suffix() + "@example.com"), memberToken), 403,
                "forbidden");
        assertProblem(get("/admins", memberToken), 403, "forbidden");
    }

    @Test
    void requestsWithoutATokenOrWithATokenOfAnotherAppClient_areUnauthorized() throws Exception {
        String otherClient = pool.createOtherClient();
        String foreignToken = pool.accessTokenThroughClient(otherClient, BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        assertThat(claims(foreignToken).path("client_id").asString()).isEqualTo(otherClient);

        assertProblem(post("/admins", Map.of("email", "nobody." + suffix() + "@example.com"), foreignToken), 401,
                "unauthorized");
        assertProblem(post("/admins", Map.of("email", "nobody." + suffix() + "@example.com"), null), 401,
                "unauthorized");
    }

    @Test
    void resendInvite_keepsTheSameUserInvited_withANewTemporaryPassword() throws Exception {
        skipOn(EmulatorGap.RESEND_INVITE);
        String email = invite("resend");
        String first = emulator.temporaryPassword(pool.poolId(), email);

        Response resent = post("/admins/resend-invite", Map.of("email", email), bootstrapToken());

        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        assertThat(pool.usersWithEmail(email)).hasSize(1);
        assertThat(emulator.temporaryPassword(pool.poolId(), email)).isNotEqualTo(first);
    }

    @Test
    void disable_refusesTheTokenAtOnce_andDisablesTheUserInTheEmulator_thenEnableLetsItBackIn() throws Exception {
        String email = "disabled." + suffix() + "@example.com";
        String username = pool.seedConfirmedUser(email, STRONG_PASSWORD, true);
        records.createActiveAdminRecords(email, username, null);
        String id = records.findByEmail(email).orElseThrow().id().toString();
        String ownToken = post("/auth/login", Map.of("username", email, "password", STRONG_PASSWORD), null).body()
                .path("accessToken").asString();
        assertThat(get("/admins", ownToken).status()).isEqualTo(200);

        Response disabled = post("/admins/" + id + "/disable", Map.of(), bootstrapToken());

        assertThat(disabled.status()).as(disabled.toString())
                .isEqualTo(emulator.gap(EmulatorGap.GLOBAL_SIGN_OUT).isPresent() ? 202 : 200);
        assertThat(disabled.body().path("status").asString()).isEqualTo("DISABLED");
        assertProblem(get("/admins", ownToken), 403, "forbidden");
        assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isFalse();
        if (emulator.gap(EmulatorGap.DISABLED_USER_SIGN_IN).isEmpty()) {
            assertProblem(post("/auth/login", Map.of("username", email, "password", STRONG_PASSWORD), null), 401,
                    "invalid-credentials");
        }
        if (disabled.status() == 202) {
            return; // the enable waits for the disable's Cognito part, which this emulator cannot finish
        }

        Response enabled = post("/admins/" + id + "/enable", Map.of(), bootstrapToken());

        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isTrue();
        assertThat(get("/admins", ownToken).status()).isEqualTo(200);
    }

    @Test
    void offboard_deletesTheUserInTheEmulator_keepsTheRow_andTheEmailCanBeInvitedAgain() throws Exception {
        String email = invite("leaver");
        String id = records.findByEmail(email).orElseThrow().id().toString();

        Response offboarded = send(request("/admins/" + id, bootstrapToken()).DELETE());

        assertThat(offboarded.status()).as(offboarded.toString()).isEqualTo(204);
        assertThat(pool.usersWithEmail(email)).isEmpty();
        assertThat(get("/admins/" + id, bootstrapToken()).body().path("status").asString()).isEqualTo("OFFBOARDED");
        Response again = post("/admins", Map.of("email", email), bootstrapToken());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body().path("id").asString()).isNotEqualTo(id);
        assertThat(pool.usersWithEmail(email)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // SCIM: an identity provider's client drives the same engine against the emulator

    @Test
    void scim_sdkClientCreatesFindsDeactivatesReactivatesAndDeletes_withTheEmulatorFollowing() throws Exception {
        skipOn(EmulatorGap.GLOBAL_SIGN_OUT); // a disable would stay pending, and the enable wait for it
        String email = "scim." + suffix() + "@example.com";
        try (ScimSdk sdk = new ScimSdk("http://127.0.0.1:" + port, SCIM_TOKEN)) {
            ScimService scim = sdk.service();

            UserResource created = scim.create("Users", new UserResource().setUserName(email).setActive(true));

            assertThat(created.getActive()).isTrue();
            assertThat(records.findByEmail(email).orElseThrow().status()).isEqualTo(AdminStatus.INVITED);
            assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isTrue();
            assertThat(scim.searchRequest("Users").filter(Filter.eq("userName", email)).invoke(UserResource.class)
                    .getResources()).extracting(UserResource::getId).containsExactly(created.getId());

            UserResource off = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                    .invoke(UserResource.class);

            assertThat(off.getActive()).isFalse();
            assertThat(records.findByEmail(email).orElseThrow().status()).isEqualTo(AdminStatus.DISABLED);
            assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isFalse();

            UserResource on = scim.modifyRequest("Users", created.getId()).replaceValue("active", true)
                    .invoke(UserResource.class);

            assertThat(on.getActive()).isTrue();
            assertThat(records.findByEmail(email).orElseThrow().status()).isEqualTo(AdminStatus.INVITED);
            assertThat(pool.userWithEmail(email).orElseThrow().enabled()).isTrue();

            scim.deleteRequest("Users", created.getId()).invoke();

            assertThat(records.findByEmail(email)).isEmpty();
            assertThat(pool.usersWithEmail(email)).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sign-in flows: refresh, forgotten passwords, MFA

    @Test
    void refresh_answersNewTokensTheServiceAccepts_withoutANewRefreshToken() throws Exception {
        Response login = post("/auth/login", Map.of("username", BOOTSTRAP_EMAIL, "password", BOOTSTRAP_PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);

        Response refreshed = post("/auth/refresh", Map.of("refreshToken", login.body().path("refreshToken").asString(),
                "username", BOOTSTRAP_EMAIL), null);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.body().has("refreshToken")).isFalse();
        String accessToken = refreshed.body().path("accessToken").asString();
        assertThat(claims(accessToken).path("token_use").asString()).isEqualTo("access");
        assertThat(get("/admins", accessToken).status()).isEqualTo(200);
        assertProblem(post("/auth/refresh", Map.of("refreshToken", "not-a-refresh-token", "username", BOOTSTRAP_EMAIL),
                null), 401, "invalid-credentials");
    }

    @Test
    void forgotPassword_ofAnActiveAdmin_sendsACode_thatSetsANewPassword() throws Exception {
        String email = activeAdmin("reset");

        Response requested = post("/auth/forgot-password", Map.of("username", email), null);

        assertThat(requested.status()).isEqualTo(202);
        String code = awaitResetCode(email);
        Response confirmed = post("/auth/confirm-forgot-password", Map.of("username", email, "code", code,
                "newPassword", "Brand-New-Pass-77!"), null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        Response login = post("/auth/login", Map.of("username", email, "password", "Brand-New-Pass-77!"), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.body().path("accessToken").asString()).isNotBlank();
    }

    @Test
    void forgotPassword_answers202_forAUsernameNobodyHas_andCognitoIsNotAsked() throws Exception {
        Response requested = post("/auth/forgot-password", Map.of("username", "nobody." + suffix() + "@example.com"),
                null);

        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.raw()).isEmpty();
    }

    @Test
    void confirmForgotPassword_withAWrongCode_is401InvalidCode() throws Exception {
        skipOn(EmulatorGap.RESET_CODE_CHECK);
        String email = activeAdmin("reset-wrong");
        post("/auth/forgot-password", Map.of("username", email), null);
        String code = awaitResetCode(email);

        assertProblem(post("/auth/confirm-forgot-password", Map.of("username", email, "code", code + "9",
                "newPassword", "Brand-New-Pass-77!"), null), 401, "invalid-code");
    }

    @Test
    void confirmForgotPassword_withAWeakPassword_is400PasswordPolicy() throws Exception {
        skipOn(EmulatorGap.RESET_PASSWORD_POLICY);
        String email = activeAdmin("reset-weak");
        post("/auth/forgot-password", Map.of("username", email), null);

        assertProblem(post("/auth/confirm-forgot-password", Map.of("username", email, "code", awaitResetCode(email),
                "newPassword", "weak"), null), 400, "password-policy");
    }

    @Test
    void mfaRequired_aNewAdminSetsUpAnApp_becomesActive_andSignsInWithItsCodes() throws Exception {
        skipOn(EmulatorGap.MFA_SETUP);
        String email = invite("mfa");
        pool.requireSoftwareTokenMfa(true);
        try {
            Response setup = post("/auth/new-password-challenge", Map.of("username", email, "temporaryPassword",
                    emulator.temporaryPassword(pool.poolId(), email), "newPassword", STRONG_PASSWORD), null);
            assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
            assertThat(setup.body().path("challenge").asString()).isEqualTo("MFA_SETUP");
            String secret = setup.body().path("secretCode").asString();
            assertThat(setup.body().path("otpauthUri").asString()).startsWith("otpauth://totp/AdminProvisioning:"
                    + email + "?secret=" + secret);
            assertThat(records.findByEmail(email)).get().extracting(AdminAccount::status).isEqualTo(AdminStatus.INVITED);

            String session = setup.body().path("session").asString();
            String code = Authenticator.code(secret, Instant.now());
            assertProblem(post("/auth/mfa-setup", Map.of("username", email, "session", session, "code", wrong(code)),
                    null), 401, "invalid-mfa-code");
            Response tokens = post("/auth/mfa-setup", Map.of("username", email, "session", session, "code", code),
                    null);
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.body().path("accessToken").asString()).isNotBlank();
            assertThat(records.findByEmail(email)).get().extracting(AdminAccount::status).isEqualTo(AdminStatus.ACTIVE);

            Response challenge = post("/auth/login", Map.of("username", email, "password", STRONG_PASSWORD), null);
            assertThat(challenge.body().path("challenge").asString()).as(challenge.toString())
                    .isEqualTo("SOFTWARE_TOKEN_MFA");
            String mfaSession = challenge.body().path("session").asString();
            assertProblem(post("/auth/mfa", Map.of("username", email, "session", mfaSession, "code",
                    wrong(Authenticator.code(secret, Instant.now()))), null), 401, "invalid-mfa-code");
            Response signedIn = post("/auth/mfa", Map.of("username", email, "session", mfaSession, "code",
                    Authenticator.code(secret, Instant.now())), null);
            assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
            assertThat(get("/admins", signedIn.body().path("accessToken").asString()).status()).isEqualTo(200);
        } finally {
            pool.requireSoftwareTokenMfa(false);
        }
    }

    @Test
    void mfa_refusesACodeReplayedInTheSameStep() throws Exception {
        skipOn(EmulatorGap.MFA_SETUP);
        skipOn(EmulatorGap.TOTP_REPLAY);
        String email = invite("mfa-replay");
        pool.requireSoftwareTokenMfa(true);
        try {
            Response setup = post("/auth/new-password-challenge", Map.of("username", email, "temporaryPassword",
                    emulator.temporaryPassword(pool.poolId(), email), "newPassword", STRONG_PASSWORD), null);
            String secret = setup.body().path("secretCode").asString();
            String code = Authenticator.code(secret, Instant.now());
            post("/auth/mfa-setup", Map.of("username", email, "session", setup.body().path("session").asString(),
                    "code", code), null);

            Response challenge = post("/auth/login", Map.of("username", email, "password", STRONG_PASSWORD), null);
            assertProblem(post("/auth/mfa", Map.of("username", email, "session",
                    challenge.body().path("session").asString(), "code", code), null), 401, "invalid-mfa-code");
        } finally {
            pool.requireSoftwareTokenMfa(false);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The perimeter: what the sandbox shows to anyone is not public against a real pool

    @Test
    void apiDocsSwaggerUiAndTheDevOutbox_needAnAdmin_andAreOffAgainstARealPool() throws Exception {
        for (String path : new String[] {"/v3/api-docs", "/swagger-ui/index.html", "/swagger-ui.html", "/dev/outbox"}) {
            assertProblem(get(path, null), 401, "unauthorized");
            assertThat(get(path, bootstrapToken()).status()).as("%s for an admin", path).isEqualTo(404);
        }
    }

    @Test
    void theSandboxsPool_outbox_andPrintedPassword_doNotExistAgainstARealPool(
            @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext
                    context) {
        assertThat(context.getBeanNamesForType(org.adminprovisioning.cognito.inmemory.InMemoryUserPool.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(org.adminprovisioning.cognito.inmemory.InMemoryOutbox.class)).isEmpty();
        assertThat(context.containsBean("devOutboxController")).isFalse();
        assertThat(context.containsBean("inMemoryBootstrapAdmin")).isFalse();
    }

    @Test
    void passwordPolicy_isReadFromThePool_withDescribeUserPool_forTheConsolesNewPasswordScreen() throws Exception {
        Response policy = get("/auth/password-policy", null);

        // The emulators' pools keep Cognito's default policy, as a pool created without one does.
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.body().path("minimumLength").asInt()).isEqualTo(8);
        assertThat(policy.body().path("requireUppercase").asBoolean()).isTrue();
        assertThat(policy.body().path("requireLowercase").asBoolean()).isTrue();
        assertThat(policy.body().path("requireNumbers").asBoolean()).isTrue();
        assertThat(policy.body().path("requireSymbols").asBoolean()).isTrue();
    }

    @Test
    void console_inChromium_signsInAgainstThePool_listsTheAdmins_andCreatesOne() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        Peers.assumeAvailable("Chromium", chromium.available(), chromium.reason());
        String created = "console-" + suffix() + "@example.com";
        ChromeDriver browser = chromium.start(Path.of("target", "chromium"), 1280, 1000);
        try {
            ConsolePage console = new ConsolePage(browser, "http://127.0.0.1:" + port + "/", null,
                    Path.of("target", "console-screenshots"));
            console.open("");
            console.screen("sign-in");
            console.type("sign-in-email", BOOTSTRAP_EMAIL);
            console.type("sign-in-password", BOOTSTRAP_PASSWORD);
            console.click("sign-in-submit");
            console.screen("admins");
            console.rowWithStatus(BOOTSTRAP_EMAIL, "ACTIVE");
            console.type("create-email", created);
            console.click("create-submit");
            console.status(created + " is invited");
            console.rowWithStatus(created, "INVITED");
            assertThat(pool.userWithEmail(created)).as("the emulator has the user").isPresent();
            console.assertNoConsoleErrors();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theAdoptedAdminsRecord_holdsTheSubOfItsTokens() throws Exception {
        assertThat(records.findByEmail(BOOTSTRAP_EMAIL).orElseThrow().cognitoSub())
                .isEqualTo(claims(bootstrapToken()).path("sub").asString());
    }

    // ---------------------------------------------------------------------------------------------
    // Both or neither

    @Test
    void databaseWriteFailure_afterCognitoSucceeded_leavesNoUserInTheEmulator() throws Exception {
        String email = "doomed." + suffix() + "@example.com";
        doThrow(new DataAccessResourceFailureException("simulated: database went away"))
                .when(records).createAdminDatabaseRecords(eq(email), any(), any(), any());

        Response failed = post("/admins", Map.of("email", email), bootstrapToken());

        assertProblem(failed, 503, "provisioning-rolled-back");
        assertThat(pool.usersWithEmail(email)).as("the compensation deleted the Cognito user").isEmpty();
        assertThat(records.findByEmail(email)).isEmpty();
        // Nothing is left in the way: once the database is back, the same email can be provisioned.
        doCallRealMethod().when(records).createAdminDatabaseRecords(eq(email), any(), any(), any());
        Response retried = post("/admins", Map.of("email", email), bootstrapToken());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(pool.usersWithEmail(email)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static void skipOn(EmulatorGap gap) {
        emulator.gap(gap).ifPresent(reason -> {
            System.err.println("SKIPPED (emulator gap): " + reason);
            Assumptions.abort(reason);
        });
    }

    /** Provisions an admin through the service; returns its (normalized) email. */
    String invite(String prefix) throws Exception {
        String email = prefix + "." + suffix() + "@example.com";
        Response created = post("/admins", Map.of("email", email), bootstrapToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return email;
    }

    /** Provisions an admin and completes its first sign-in; returns its email. */
    String activeAdmin(String prefix) throws Exception {
        String email = invite(prefix);
        Response answered = post("/auth/new-password-challenge", Map.of("username", email, "temporaryPassword",
                emulator.temporaryPassword(pool.poolId(), email), "newPassword", STRONG_PASSWORD), null);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        return email;
    }

    /** The reset code the emulator holds once the service's background hand-off has called ForgotPassword. */
    String awaitResetCode(String email) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            java.util.Optional<String> code = emulator.resetCode(pool.poolId(), email);
            if (code.isPresent()) {
                return code.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(emulator.name() + " holds no reset code for " + email);
    }

    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    String bootstrapToken() throws Exception {
        if (bootstrapToken == null) {
            Response login = post("/auth/login", Map.of("username", BOOTSTRAP_EMAIL, "password", BOOTSTRAP_PASSWORD),
                    null);
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            bootstrapToken = login.body().path("accessToken").asString();
        }
        return bootstrapToken;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    record Response(int status, JsonNode body, String location, String raw) {

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    static void assertProblem(Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body().path("type").asString()).as(response.toString()).isEqualTo(PROBLEM_BASE + slug);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
    }

    Response post(String path, Map<String, String> body, String token) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        JsonNode body = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        return new Response(response.statusCode(), body, response.headers().firstValue("Location").orElse(null), raw);
    }

    static JsonNode header(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
