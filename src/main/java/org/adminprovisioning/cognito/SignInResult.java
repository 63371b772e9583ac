package org.adminprovisioning.cognito;

/**
 * What a sign-in step answers: tokens, or the challenge Cognito wants answered next. Challenges are
 * values, not failures; their {@code toString} never shows a session or a secret.
 */
public sealed interface SignInResult {

    /** The step completed the sign-in. */
    record Authenticated(AuthTokens tokens) implements SignInResult {
    }

    /** A challenge to answer before Cognito issues tokens. */
    sealed interface Challenge extends SignInResult {

        /** The pool's username (a UUID in email-as-username pools): the one to answer the challenge with. */
        String username();

        /** The opaque, single-use session of the next call; valid for 3 minutes. */
        String session();
    }

    /**
     * The password was a valid temporary password: Cognito wants a new one.
     *
     * @param username the pool's username (a UUID in email-as-username pools)
     * @param session  the opaque session to send back with {@code RespondToAuthChallenge}
     */
    record NewPasswordRequired(String username, String session) implements Challenge {

        @Override
        public String toString() {
            return "NewPasswordRequired[username=" + username + "]";
        }
    }

    /**
     * The user has an authenticator app: Cognito wants its current code ({@code SOFTWARE_TOKEN_MFA}).
     *
     * @param session for {@code RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)}
     */
    record SoftwareTokenMfaRequired(String username, String session) implements Challenge {

        @Override
        public String toString() {
            return "SoftwareTokenMfaRequired[username=" + username + "]";
        }
    }

    /**
     * The pool requires MFA and the user has none yet ({@code MFA_SETUP}). The driver has already
     * called {@code AssociateSoftwareToken}: the user adds {@code secretCode} to an authenticator app
     * and proves it with a code.
     *
     * @param session    the session {@code AssociateSoftwareToken} answered, for {@code VerifySoftwareToken}
     * @param secretCode the TOTP secret, Base32, shown to the user once (as text or QR code)
     */
    record MfaSetupRequired(String username, String session, String secretCode) implements Challenge {

        @Override
        public String toString() {
            return "MfaSetupRequired[username=" + username + "]";
        }
    }
}
