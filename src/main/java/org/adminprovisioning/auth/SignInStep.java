package org.adminprovisioning.auth;

import org.adminprovisioning.cognito.AuthTokens;

/**
 * What a sign-in step answers the person signing in: tokens, or the challenge to answer next with what
 * the client needs for it. Never the pool's internals (usernames, Cognito's challenge parameters).
 */
public sealed interface SignInStep {

    /** The sign-in is complete. */
    record SignedIn(AuthTokens tokens) implements SignInStep {
    }

    /** The password was temporary: choose a new one with {@code POST /auth/new-password-challenge}. */
    record NewPasswordRequired() implements SignInStep {
    }

    /** Give the authenticator app's current code to {@code POST /auth/mfa} with this session. */
    record SoftwareTokenMfaRequired(String session) implements SignInStep {

        @Override
        public String toString() {
            return "SoftwareTokenMfaRequired";
        }
    }

    /**
     * Add the secret to an authenticator app (as text, or as a QR code of {@code otpauthUri}), then give
     * its first code to {@code POST /auth/mfa-setup} with this session.
     */
    record MfaSetupRequired(String session, String secretCode, String otpauthUri) implements SignInStep {

        @Override
        public String toString() {
            return "MfaSetupRequired";
        }
    }
}
