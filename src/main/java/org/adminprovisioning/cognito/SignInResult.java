package org.adminprovisioning.cognito;

/** What {@code InitiateAuth} answers: tokens, or the challenge a new admin must answer first. */
public sealed interface SignInResult {

    /** The password was right and no challenge is pending. */
    record Authenticated(AuthTokens tokens) implements SignInResult {
    }

    /**
     * The password was a valid temporary password: Cognito wants a new one.
     *
     * @param username the pool's username (a UUID in email-as-username pools)
     * @param session  the opaque session to send back with {@code RespondToAuthChallenge}
     */
    record NewPasswordRequired(String username, String session) implements SignInResult {

        @Override
        public String toString() {
            return "NewPasswordRequired[username=" + username + "]";
        }
    }
}
