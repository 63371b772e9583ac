package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.RefreshTokenRejectedException;
import org.springframework.stereotype.Service;

/** New access and id tokens for a refresh token, without signing in again. */
@Service
public class TokenRefreshService {

    private final CognitoGateway cognito;
    private final PoolUsernames usernames;
    private final SignInAudit audit;

    TokenRefreshService(CognitoGateway cognito, PoolUsernames usernames, SignInAudit audit) {
        this.cognito = cognito;
        this.usernames = usernames;
        this.audit = audit;
    }

    /**
     * {@code REFRESH_TOKEN_AUTH}. The username is resolved to the pool's own (the {@code SECRET_HASH} of a
     * client with a secret is computed over it, not over the email).
     *
     * @param username     what the person signed in with (email or Cognito username)
     * @param refreshToken the refresh token of an earlier sign-in
     * @return new access and id tokens; the refresh token stays the same and is not returned again
     * @throws RefreshTokenRejectedException invalid, expired or revoked (a global sign-out, a disabled user)
     * @throws CognitoUnavailableException   Cognito could not be reached
     */
    public AuthTokens refresh(String username, String refreshToken) {
        AuthTokens tokens = cognito.refreshTokens(usernames.of(username), refreshToken);
        audit.succeeded(Action.TOKEN_REFRESH, username, null);
        return tokens;
    }
}
