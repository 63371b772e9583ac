package org.adminprovisioning.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.adminprovisioning.cognito.SignInResult;
import org.springframework.stereotype.Component;

/** Turns what Cognito answered into what the client is told, adding the {@code otpauth://} URI for an MFA setup. */
@Component
class SignInSteps {

    private final String issuer;

    SignInSteps(AuthProperties properties) {
        this.issuer = properties.totpIssuer();
    }

    /** @param account what the person typed to sign in (normally the email): the app's label for the account */
    SignInStep of(SignInResult result, String account) {
        // Java 17: no pattern switch yet; SignInResult is sealed, so these four are all there is.
        if (result instanceof SignInResult.Authenticated authenticated) {
            return new SignInStep.SignedIn(authenticated.tokens());
        }
        if (result instanceof SignInResult.SoftwareTokenMfaRequired mfa) {
            return new SignInStep.SoftwareTokenMfaRequired(mfa.session());
        }
        if (result instanceof SignInResult.MfaSetupRequired setup) {
            return new SignInStep.MfaSetupRequired(setup.session(), setup.secretCode(),
                    otpauthUri(setup.secretCode(), account));
        }
        return new SignInStep.NewPasswordRequired();
    }

    /**
     * Google Authenticator's key URI format, {@code otpauth://totp/<issuer>:<account>?secret=…&issuer=…}:
     * issuer and account percent-encoded (an email's {@code @} may stay), the secret Base32 as Cognito gives it.
     */
    String otpauthUri(String secret, String account) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account.trim()) + "?secret=" + secret + "&issuer="
                + encode(issuer);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }
}
