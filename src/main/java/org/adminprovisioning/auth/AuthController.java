package org.adminprovisioning.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.SignInResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code /auth/*}: sign-in and the first sign-in's password change. Public: the password is the credential. */
@RestController
@RequestMapping("/auth")
class AuthController {

    private final FirstLoginService firstLogin;

    AuthController(FirstLoginService firstLogin) {
        this.firstLogin = firstLogin;
    }

    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        SignInResult result = firstLogin.login(request.username(), request.password());
        if (result instanceof SignInResult.Authenticated authenticated) {
            return LoginResponse.of(authenticated.tokens());
        }
        return LoginResponse.newPasswordRequired();
    }

    @PostMapping("/new-password-challenge")
    LoginResponse newPasswordChallenge(@Valid @RequestBody NewPasswordChallengeRequest request) {
        return LoginResponse.of(firstLogin.handleNewPasswordChallenge(request.username(), request.temporaryPassword(),
                request.newPassword()));
    }

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

    /** Tokens, or {@code {"challenge":"NEW_PASSWORD_REQUIRED"}} when the password was temporary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginResponse(String accessToken, String idToken, String refreshToken, Integer expiresIn,
            String tokenType, String challenge) {

        static LoginResponse of(AuthTokens tokens) {
            return new LoginResponse(tokens.accessToken(), tokens.idToken(), tokens.refreshToken(),
                    tokens.expiresIn(), tokens.tokenType(), null);
        }

        static LoginResponse newPasswordRequired() {
            return new LoginResponse(null, null, null, null, null, "NEW_PASSWORD_REQUIRED");
        }

        @Override
        public String toString() {
            return "LoginResponse[challenge=" + challenge + "]";
        }
    }
}
