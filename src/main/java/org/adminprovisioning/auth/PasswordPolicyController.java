package org.adminprovisioning.auth;

import java.time.Duration;

import org.adminprovisioning.cognito.PasswordPolicy;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

/**
 * {@code GET /auth/password-policy}: the pool's password rules, public like the rest of {@code /auth}, so
 * that a "choose a password" screen (the console's, or a web app's) can show them and check a password as
 * it is typed. Cognito still decides: a password it refuses answers {@code 400 password-policy} as before.
 */
@RestController
class PasswordPolicyController {

    private final FirstLoginService firstLogin;

    PasswordPolicyController(FirstLoginService firstLogin) {
        this.firstLogin = firstLogin;
    }

    @GetMapping("/auth/password-policy")
    @Operation(summary = "The user pool's password policy",
            description = "Public. What a new password must contain (Cognito's DescribeUserPool). "
                    + "Errors: 503 cognito-unavailable, 429 too-many-attempts.")
    @SecurityRequirements
    ResponseEntity<PasswordPolicyResponse> passwordPolicy() {
        // Browsers may keep it as long as the gateway does: the rules are the same for everyone.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(PasswordPolicyResponse.of(firstLogin.passwordPolicy()));
    }

    /**
     * The rules, and the characters Cognito counts as symbols, so a client checks exactly what Cognito will.
     */
    record PasswordPolicyResponse(int minimumLength, boolean requireUppercase, boolean requireLowercase,
            boolean requireNumbers, boolean requireSymbols, String symbols) {

        static PasswordPolicyResponse of(PasswordPolicy policy) {
            return new PasswordPolicyResponse(policy.minimumLength(), policy.requireUppercase(),
                    policy.requireLowercase(), policy.requireNumbers(), policy.requireSymbols(), PasswordPolicy.SYMBOLS);
        }
    }
}
