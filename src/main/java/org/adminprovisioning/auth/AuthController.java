package org.adminprovisioning.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.adminprovisioning.cognito.AuthTokens;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code /auth/*}: the sign-in flows of docs/api.md. Public: the password, the session and the codes are
 * the credentials. Challenges are answered with 200 and {@code challenge}, never as errors.
 */
@RestController
@RequestMapping("/auth")
class AuthController {

    private static final String SIX_DIGITS = "\\d{6}";
    private static final String SIX_DIGITS_MESSAGE = "must be the 6 digits the authenticator app shows";

    private final FirstLoginService firstLogin;
    private final MfaSignInService mfa;
    private final TokenRefreshService refresh;
    private final ForgottenPasswordService forgottenPasswords;

    AuthController(FirstLoginService firstLogin, MfaSignInService mfa, TokenRefreshService refresh,
            ForgottenPasswordService forgottenPasswords) {
        this.firstLogin = firstLogin;
        this.mfa = mfa;
        this.refresh = refresh;
        this.forgottenPasswords = forgottenPasswords;
    }

    @PostMapping("/login")
    SignInResponse login(@Valid @RequestBody LoginRequest request) {
        return SignInResponse.of(firstLogin.login(request.username(), request.password()));
    }

    @PostMapping("/new-password-challenge")
    SignInResponse newPasswordChallenge(@Valid @RequestBody NewPasswordChallengeRequest request) {
        return SignInResponse.of(firstLogin.handleNewPasswordChallenge(request.username(),
                request.temporaryPassword(), request.newPassword()));
    }

    @PostMapping("/mfa-setup")
    SignInResponse mfaSetup(@Valid @RequestBody MfaCodeRequest request) {
        return SignInResponse.of(mfa.completeMfaSetup(request.username(), request.session(), request.code()));
    }

    @PostMapping("/mfa")
    SignInResponse mfa(@Valid @RequestBody MfaCodeRequest request) {
        return SignInResponse.of(mfa.answerMfaChallenge(request.username(), request.session(), request.code()));
    }

    @PostMapping("/refresh")
    SignInResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return SignInResponse.of(refresh.refresh(request.username(), request.refreshToken()));
    }

    /** 202 for any username, known or not: what happens next is never told here. */
    @PostMapping("/forgot-password")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void forgotPassword(@Valid @RequestBody ForgotPasswordRequest request) {
        forgottenPasswords.requestReset(request.username());
    }

    @PostMapping("/confirm-forgot-password")
    void confirmForgotPassword(@Valid @RequestBody ConfirmForgotPasswordRequest request) {
        forgottenPasswords.confirmReset(request.username(), request.code(), request.newPassword());
    }

    // Every request record hides its secrets from toString: Spring MVC logs bodies at DEBUG.

    record LoginRequest(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 256) String password) {

        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    record NewPasswordChallengeRequest(@NotBlank @Size(max = 254) String username,
            @NotBlank @Size(max = 256) String temporaryPassword, @NotBlank @Size(max = 256) String newPassword) {

        @Override
        public String toString() {
            return "NewPasswordChallengeRequest[username=" + username + "]";
        }
    }

    record MfaCodeRequest(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 4096) String session,
            @NotBlank @Pattern(regexp = SIX_DIGITS, message = SIX_DIGITS_MESSAGE) String code) {

        @Override
        public String toString() {
            return "MfaCodeRequest[username=" + username + "]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 8192) String refreshToken, @NotBlank @Size(max = 254) String username) {

        @Override
        public String toString() {
            return "RefreshRequest[username=" + username + "]";
        }
    }

    record ForgotPasswordRequest(@NotBlank @Size(max = 254) String username) {
    }

    record ConfirmForgotPasswordRequest(@NotBlank @Size(max = 254) String username,
            @NotBlank @Size(max = 256) String code, @NotBlank @Size(max = 256) String newPassword) {

        @Override
        public String toString() {
            return "ConfirmForgotPasswordRequest[username=" + username + "]";
        }
    }

    /**
     * Tokens, or {@code {"challenge": …}} with what the client needs for it: nothing more for
     * {@code NEW_PASSWORD_REQUIRED}, the {@code session} for {@code SOFTWARE_TOKEN_MFA}, and for
     * {@code MFA_SETUP} also the {@code secretCode} and its {@code otpauthUri}. A refresh answers no
     * {@code refreshToken}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInResponse(String accessToken, String idToken, String refreshToken, Integer expiresIn,
            String tokenType, String challenge, String session, String secretCode, String otpauthUri) {

        static SignInResponse of(AuthTokens tokens) {
            return new SignInResponse(tokens.accessToken(), tokens.idToken(), tokens.refreshToken(),
                    tokens.expiresIn(), tokens.tokenType(), null, null, null, null);
        }

        static SignInResponse of(SignInStep step) {
            if (step instanceof SignInStep.SignedIn signedIn) {
                return of(signedIn.tokens());
            }
            if (step instanceof SignInStep.SoftwareTokenMfaRequired mfa) {
                return challenge("SOFTWARE_TOKEN_MFA", mfa.session(), null, null);
            }
            if (step instanceof SignInStep.MfaSetupRequired setup) {
                return challenge("MFA_SETUP", setup.session(), setup.secretCode(), setup.otpauthUri());
            }
            return challenge("NEW_PASSWORD_REQUIRED", null, null, null);
        }

        private static SignInResponse challenge(String name, String session, String secretCode, String otpauthUri) {
            return new SignInResponse(null, null, null, null, null, name, session, secretCode, otpauthUri);
        }

        @Override
        public String toString() {
            return "SignInResponse[challenge=" + challenge + "]";
        }
    }
}
