package org.adminprovisioning.cognito.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.InvalidCodeException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.InvalidMfaCodeException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.RefreshTokenRejectedException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.adminprovisioning.cognito.SignInResult;
import org.adminprovisioning.cognito.inmemory.InMemoryPoolProperties.Mfa;
import org.adminprovisioning.testsupport.Authenticator;
import org.adminprovisioning.testsupport.MutableClock;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;

/**
 * The in-memory pool's sign-in as Cognito's, driven through {@link AwsCognitoGateway}: software-token MFA
 * for each {@code cognito.in-memory.mfa} setting, real TOTP codes from an independent authenticator,
 * 3-minute single-use sessions, refresh tokens and password resets.
 */
class InMemoryUserPoolSignInTests {

    private static final String EMAIL = "new.admin@example.com";
    private static final String TEMPORARY = "Temp-Passw0rd!";
    private static final String CHOSEN = "Chosen-Passw0rd!";

    private static final MutableClock clock = new MutableClock();
    private static final CognitoProperties settings = TestProperties.defaults("cognito", CognitoProperties.class);
    private static final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(settings.issuerUri(),
            settings.clientId(), clock);

    private InMemoryOutbox outbox;
    private InMemoryUserPool pool;
    private AwsCognitoGateway gateway;

    @BeforeEach
    void freshPool() {
        clock.reset();
        usePool(Mfa.REQUIRED);
    }

    private void usePool(Mfa mfa) {
        outbox = new InMemoryOutbox();
        pool = new InMemoryUserPool(settings, PasswordPolicy.cognitoDefault(), tokens, outbox, clock, mfa);
        gateway = new AwsCognitoGateway(pool, settings);
    }

    private String confirmed(String email) {
        return pool.createConfirmedAdmin(email, CHOSEN);
    }

    private String code(String secret) {
        return Authenticator.code(secret, clock.instant());
    }

    /** Signs in, sets up the app, and returns its secret; the clock then moves to the next 30 s step. */
    private String withAuthenticatorApp(String email) {
        SignInResult.MfaSetupRequired setup = (SignInResult.MfaSetupRequired) gateway.signIn(email, CHOSEN);
        gateway.completeMfaSetup(setup.username(), setup.session(), code(setup.secretCode()));
        clock.advance(Duration.ofSeconds(30));
        return setup.secretCode();
    }

    @Test
    void required_signInOfAUserWithoutAnApp_answersMfaSetup_withAFreshBase32Secret_andNoTokensYet() {
        String username = confirmed(EMAIL);

        SignInResult result = gateway.signIn(EMAIL, CHOSEN);

        assertThat(result).isInstanceOfSatisfying(SignInResult.MfaSetupRequired.class, setup -> {
            assertThat(setup.username()).isEqualTo(username);
            assertThat(setup.secretCode()).matches("[A-Z2-7]{32}");
            assertThat(setup.session()).isNotBlank();
            assertThat(setup.toString()).doesNotContain(setup.session()).doesNotContain(setup.secretCode());
        });
    }

    @Test
    void required_mfaSetup_withTheAppsCode_signsIn_andTheNextSignInAsksForTheCode() throws Exception {
        confirmed(EMAIL);
        SignInResult.MfaSetupRequired setup = (SignInResult.MfaSetupRequired) gateway.signIn(EMAIL, CHOSEN);

        AuthTokens issued = gateway.completeMfaSetup(setup.username(), setup.session(), code(setup.secretCode()));

        assertThat(issued.accessToken()).isNotBlank();
        assertThat(issued.refreshToken()).isNotBlank();
        clock.advance(Duration.ofSeconds(30));
        SignInResult next = gateway.signIn(EMAIL, CHOSEN);
        assertThat(next).isInstanceOf(SignInResult.SoftwareTokenMfaRequired.class);
        SignInResult.SoftwareTokenMfaRequired mfa = (SignInResult.SoftwareTokenMfaRequired) next;
        assertThat(gateway.respondToMfaChallenge(mfa.username(), mfa.session(), code(setup.secretCode())).accessToken())
                .isNotBlank();
    }

    @Test
    void required_newPasswordChallenge_answersMfaSetup_afterStoringTheNewPassword() {
        gateway.addToAdminGroup(gateway.createAdminUser(EMAIL, TEMPORARY).username());
        SignInResult.NewPasswordRequired challenge = (SignInResult.NewPasswordRequired) gateway.signIn(EMAIL, TEMPORARY);

        SignInResult next = gateway.respondToNewPasswordChallenge(challenge.username(), challenge.session(), CHOSEN);

        assertThat(next).isInstanceOf(SignInResult.MfaSetupRequired.class);
        // The password is set: the temporary one no longer works, the chosen one leads to the setup again.
        assertThatThrownBy(() -> gateway.signIn(EMAIL, TEMPORARY)).isInstanceOf(InvalidCredentialsException.class);
        assertThat(gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(SignInResult.MfaSetupRequired.class);
    }

    @Test
    void mfaSetup_refusesAWrongCode_andTheSessionStaysUsableForTheRightOne() {
        confirmed(EMAIL);
        SignInResult.MfaSetupRequired setup = (SignInResult.MfaSetupRequired) gateway.signIn(EMAIL, CHOSEN);

        assertThatThrownBy(() -> gateway.completeMfaSetup(setup.username(), setup.session(), wrong(setup.secretCode())))
                .isInstanceOf(InvalidMfaCodeException.class)
                .hasMessageContaining("EnableSoftwareTokenMFAException");

        assertThat(gateway.completeMfaSetup(setup.username(), setup.session(), code(setup.secretCode()))).isNotNull();
    }

    @Test
    void mfa_refusesAWrongCode_andTheSessionStaysUsable() {
        confirmed(EMAIL);
        String secret = withAuthenticatorApp(EMAIL);
        SignInResult.SoftwareTokenMfaRequired mfa = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL, CHOSEN);

        assertThatThrownBy(() -> gateway.respondToMfaChallenge(mfa.username(), mfa.session(), wrong(secret)))
                .isInstanceOf(InvalidMfaCodeException.class).hasMessageContaining("CodeMismatchException");

        assertThat(gateway.respondToMfaChallenge(mfa.username(), mfa.session(), code(secret))).isNotNull();
    }

    @Test
    void mfa_refusesACodeReplayedInTheSameStep_andAcceptsTheNextStepsCode() {
        confirmed(EMAIL);
        String secret = withAuthenticatorApp(EMAIL);
        SignInResult.SoftwareTokenMfaRequired first = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL, CHOSEN);
        String code = code(secret);
        gateway.respondToMfaChallenge(first.username(), first.session(), code);

        SignInResult.SoftwareTokenMfaRequired second = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL,
                CHOSEN);
        assertThatThrownBy(() -> gateway.respondToMfaChallenge(second.username(), second.session(), code))
                .isInstanceOf(InvalidMfaCodeException.class)
                .hasMessageContaining("ExpiredCodeException")
                .hasMessageContaining("Your software token has already been used once.");
        // Within the ±1 step window the used code would still "match": it stays refused a step later too.
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> gateway.respondToMfaChallenge(second.username(), second.session(), code))
                .isInstanceOf(InvalidMfaCodeException.class);

        assertThat(gateway.respondToMfaChallenge(second.username(), second.session(), code(secret))).isNotNull();
    }

    @Test
    void mfa_acceptsTheCodeOfThePreviousStep_butNotOneTwoStepsOld() {
        confirmed(EMAIL);
        String secret = withAuthenticatorApp(EMAIL);
        clock.advance(Duration.ofMinutes(2));
        Instant now = clock.instant();
        SignInResult.SoftwareTokenMfaRequired mfa = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL, CHOSEN);

        assertThatThrownBy(() -> gateway.respondToMfaChallenge(mfa.username(), mfa.session(),
                Authenticator.code(secret, now.minusSeconds(60)))).isInstanceOf(InvalidMfaCodeException.class);
        assertThat(gateway.respondToMfaChallenge(mfa.username(), mfa.session(),
                Authenticator.code(secret, now.minusSeconds(30)))).isNotNull();
    }

    @Test
    void sessions_expireAfterThreeMinutes_andServeOnce() {
        confirmed(EMAIL);
        String secret = withAuthenticatorApp(EMAIL);
        SignInResult.SoftwareTokenMfaRequired stale = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL,
                CHOSEN);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> gateway.respondToMfaChallenge(stale.username(), stale.session(), code(secret)))
                .isInstanceOf(SessionExpiredException.class)
                .hasMessageContaining("Invalid session for the user, session is expired.");

        SignInResult.SoftwareTokenMfaRequired used = (SignInResult.SoftwareTokenMfaRequired) gateway.signIn(EMAIL,
                CHOSEN);
        gateway.respondToMfaChallenge(used.username(), used.session(), code(secret));
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> gateway.respondToMfaChallenge(used.username(), used.session(), code(secret)))
                .isInstanceOf(SessionExpiredException.class);

        confirmed("second@example.com");
        SignInResult.MfaSetupRequired setup = (SignInResult.MfaSetupRequired) gateway.signIn("second@example.com",
                CHOSEN);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> gateway.completeMfaSetup(setup.username(), setup.session(), code(setup.secretCode())))
                .isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void aSessionOfOneUser_isRefusedForAnother() {
        confirmed(EMAIL);
        String username = confirmed("second@example.com");
        SignInResult.MfaSetupRequired setup = (SignInResult.MfaSetupRequired) gateway.signIn(EMAIL, CHOSEN);

        assertThatThrownBy(() -> gateway.completeMfaSetup(username, setup.session(), code(setup.secretCode())))
                .isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void optional_asksNoSetup_butAsksUsersWhoAddedAnAppForItsCode() {
        usePool(Mfa.OPTIONAL);
        String username = confirmed(EMAIL);
        SignInResult plain = gateway.signIn(EMAIL, CHOSEN);
        assertThat(plain).isInstanceOf(SignInResult.Authenticated.class);
        String accessToken = ((SignInResult.Authenticated) plain).tokens().accessToken();

        // A signed-in user adds an app with its access token (AssociateSoftwareToken, VerifySoftwareToken).
        String secret = pool.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
        assertThat(pool.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(code(secret))).statusAsString())
                .isEqualTo("SUCCESS");
        clock.advance(Duration.ofSeconds(30));

        assertThat(gateway.signIn(EMAIL, CHOSEN)).isInstanceOfSatisfying(SignInResult.SoftwareTokenMfaRequired.class,
                mfa -> assertThat(mfa.username()).isEqualTo(username));
    }

    @Test
    void off_neverAsksForACode() {
        usePool(Mfa.OFF);
        confirmed(EMAIL);

        assertThat(gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(SignInResult.Authenticated.class);
    }

    @Test
    void refresh_issuesNewAccessAndIdTokens_withoutANewRefreshToken() throws Exception {
        usePool(Mfa.OFF);
        String username = confirmed(EMAIL);
        AuthTokens first = ((SignInResult.Authenticated) gateway.signIn(EMAIL, CHOSEN)).tokens();
        clock.advance(Duration.ofMinutes(50));

        AuthTokens refreshed = gateway.refreshTokens(username, first.refreshToken());

        assertThat(refreshed.refreshToken()).isNull();
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet().getExpirationTime().toInstant())
                .isAfter(SignedJWT.parse(first.accessToken()).getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(SignedJWT.parse(refreshed.idToken()).getJWTClaimsSet().getStringClaim("origin_jti"))
                .isEqualTo(SignedJWT.parse(first.idToken()).getJWTClaimsSet().getStringClaim("origin_jti"));
    }

    @Test
    void refresh_stopsWorking_afterAGlobalSignOut_whileTheUserIsDisabled_andAfterThirtyDays() {
        usePool(Mfa.OFF);
        String username = confirmed(EMAIL);
        String beforeSignOut = ((SignInResult.Authenticated) gateway.signIn(EMAIL, CHOSEN)).tokens().refreshToken();
        clock.advance(Duration.ofSeconds(1));
        gateway.signOutEverywhere(username);
        assertThatThrownBy(() -> gateway.refreshTokens(username, beforeSignOut))
                .isInstanceOf(RefreshTokenRejectedException.class).hasMessageContaining("Refresh Token has been revoked");

        clock.advance(Duration.ofSeconds(1));
        String afterSignOut = ((SignInResult.Authenticated) gateway.signIn(EMAIL, CHOSEN)).tokens().refreshToken();
        gateway.disableUser(username);
        assertThatThrownBy(() -> gateway.refreshTokens(username, afterSignOut))
                .isInstanceOf(RefreshTokenRejectedException.class).hasMessageContaining("User is disabled.");
        gateway.enableUser(username);
        assertThat(gateway.refreshTokens(username, afterSignOut)).isNotNull();

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThatThrownBy(() -> gateway.refreshTokens(username, afterSignOut))
                .isInstanceOf(RefreshTokenRejectedException.class);
        assertThatThrownBy(() -> gateway.refreshTokens(username, "forged"))
                .isInstanceOf(RefreshTokenRejectedException.class).hasMessageContaining("Invalid Refresh Token");
    }

    @Test
    void forgotPassword_emailsASixDigitCode_likeCognitosVerificationMessage_andTheCodeSetsANewPassword() {
        usePool(Mfa.OFF);
        String username = confirmed(EMAIL);

        gateway.forgotPassword(username);

        OutboxMessage email = outbox.to(EMAIL).get(0);
        assertThat(email.subject()).isEqualTo("Your verification code");
        assertThat(email.code()).matches("\\d{6}");
        assertThat(email.body()).isEqualTo("Your verification code is " + email.code() + ".");
        assertThat(email.temporaryPassword()).isNull();
        assertThat(email.toString()).doesNotContain(email.code());

        gateway.confirmForgotPassword(username, email.code(), "Brand-New-Passw0rd!");
        assertThat(gateway.signIn(EMAIL, "Brand-New-Passw0rd!")).isInstanceOf(SignInResult.Authenticated.class);
        assertThatThrownBy(() -> gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> gateway.confirmForgotPassword(username, email.code(), "Another-Passw0rd!"))
                .as("a code works once").isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void confirmForgotPassword_refusesAWrongCode_anExpiredOne_aWeakPassword_andAnUnknownUser() {
        usePool(Mfa.OFF);
        String username = confirmed(EMAIL);
        gateway.forgotPassword(username);
        String code = outbox.to(EMAIL).get(0).code();

        assertThatThrownBy(() -> gateway.confirmForgotPassword(username, wrongDigits(code), "Brand-New-Passw0rd!"))
                .isInstanceOf(InvalidCodeException.class).hasMessageContaining("CodeMismatchException");
        assertThatThrownBy(() -> gateway.confirmForgotPassword(username, code, "weak"))
                .isInstanceOf(PasswordPolicyViolationException.class);
        assertThatThrownBy(() -> gateway.confirmForgotPassword("nobody@example.com", code, "Brand-New-Passw0rd!"))
                .isInstanceOf(InvalidCodeException.class);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThatThrownBy(() -> gateway.confirmForgotPassword(username, code, "Brand-New-Passw0rd!"))
                .isInstanceOf(InvalidCodeException.class).hasMessageContaining("ExpiredCodeException");
    }

    @Test
    void forgotPassword_ofAnUnknownUser_sendsNothing_andOfAnInvitedOneIsRefusedAsCognitoDoes() {
        usePool(Mfa.OFF);
        CognitoUser invited = gateway.createAdminUser(EMAIL, TEMPORARY);

        gateway.forgotPassword("nobody@example.com");
        assertThatThrownBy(() -> gateway.forgotPassword(invited.username()))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("User password cannot be reset in the current state.");

        assertThat(outbox.all()).extracting(OutboxMessage::subject).containsExactly("Your temporary password");
    }

    @Test
    void tokens_carryOnlyKidAndAlgInTheirHeader_andTheKeySetNamesItsAlgAndUse() throws Exception {
        usePool(Mfa.OFF);
        confirmed(EMAIL);
        AuthTokens issued = ((SignInResult.Authenticated) gateway.signIn(EMAIL, CHOSEN)).tokens();

        for (String token : new String[] {issued.accessToken(), issued.idToken()}) {
            Map<String, Object> header = SignedJWT.parse(token).getHeader().toJSONObject();
            assertThat(header).containsOnlyKeys("kid", "alg").containsEntry("alg", "RS256");
        }
        JWK key = tokens.jwkSet().getKeys().get(0);
        assertThat(key.toJSONObject()).containsOnlyKeys("kty", "e", "n", "kid", "alg", "use")
                .containsEntry("use", "sig").containsEntry("alg", "RS256");
        assertThat(key.isPrivate()).isFalse();
    }

    private static String wrong(String secret) {
        return wrongDigits(Authenticator.code(secret, clock.instant()));
    }

    private static String wrongDigits(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}
