package org.adminprovisioning.auth;

import java.util.Collection;

import org.adminprovisioning.admin.AdminPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request authenticated by a Cognito access token. The principal is an {@link AdminPrincipal}
 * when the caller is an active admin, and the Cognito username otherwise.
 */
class CognitoAuthentication extends AbstractAuthenticationToken {

    private final Jwt token;
    private final Object principal;

    CognitoAuthentication(Jwt token, Object principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.token = token;
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
