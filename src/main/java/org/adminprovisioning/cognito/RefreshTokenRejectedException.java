package org.adminprovisioning.cognito;

/**
 * {@code REFRESH_TOKEN_AUTH} refused the refresh token: invalid, expired, revoked by a global
 * sign-out, or its user is disabled. The only way on is a new sign-in.
 */
public class RefreshTokenRejectedException extends InvalidCredentialsException {

    public RefreshTokenRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
