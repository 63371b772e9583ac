package org.adminprovisioning.cognito;

/**
 * The tokens Cognito issues after a successful sign-in or challenge response.
 *
 * @param expiresIn seconds until the access token expires
 */
public record AuthTokens(String accessToken, String idToken, String refreshToken, int expiresIn, String tokenType) {

    @Override
    public String toString() {
        // Tokens are secrets: keep them out of logs even when a record is logged by accident.
        return "AuthTokens[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
