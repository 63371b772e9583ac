package org.adminprovisioning.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;

/**
 * Who is behind a bearer token on {@code /scim/v2/**}: a connector's secret, or (in the
 * {@code cognito} profile) a Cognito client-credentials access token of a connector's app client with
 * the SCIM scope — both authenticate the connector, {@code ROLE_SCIM_CONNECTOR}, named after it.
 * An admin's own access token is recognised and authenticated without that role, so it is refused
 * with 403 and a sentence saying why; anything else is a 401.
 */
class ScimConnectorAuthenticationProvider implements AuthenticationProvider {

    static final String CONNECTOR_ROLE = "ROLE_SCIM_CONNECTOR";

    private final ScimConnectors connectors;
    private final JwtDecoder connectorTokens;
    private final JwtDecoder userTokens;

    /**
     * @param connectorTokens validates Cognito client-credentials tokens, or {@code null} where they are
     *                        not accepted
     * @param userTokens      the admin API's decoder, only to recognise an admin's token for what it is
     */
    ScimConnectorAuthenticationProvider(ScimConnectors connectors, JwtDecoder connectorTokens, JwtDecoder userTokens) {
        this.connectors = connectors;
        this.connectorTokens = connectorTokens;
        this.userTokens = userTokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        Optional<String> connector = connectors.bySecret(token);
        if (connector.isPresent()) {
            return new Connector(connector.get());
        }
        if (!looksLikeAJwt(token)) {
            throw new InvalidBearerTokenException("The bearer token is not a SCIM connector's token");
        }
        if (connectorTokens != null) {
            connector = cognitoConnector(token);
            if (connector.isPresent()) {
                return new Connector(connector.get());
            }
        }
        try {
            Jwt admin = userTokens.decode(token);
            return UsernamePasswordAuthenticationToken.authenticated(admin.getClaimAsString("username"), null, List.of());
        } catch (JwtException notOurs) {
            throw new InvalidBearerTokenException("The bearer token is not a SCIM connector's token");
        }
    }

    /** A client-credentials token has no user: no {@code username}, the connector's client, the SCIM scope. */
    private Optional<String> cognitoConnector(String token) {
        Jwt jwt;
        try {
            jwt = connectorTokens.decode(token);
        } catch (JwtException invalid) {
            return Optional.empty();
        }
        String scope = jwt.getClaimAsString("scope");
        boolean scoped = scope != null && Arrays.asList(scope.split(" ")).contains(connectors.cognitoScope());
        if (jwt.hasClaim("username") || jwt.hasClaim("cognito:groups") || !scoped) {
            return Optional.empty();
        }
        return connectors.byCognitoClient(jwt.getClaimAsString("client_id"));
    }

    private static boolean looksLikeAJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** An authenticated connector; its name is what the audit trail records as {@code scim:<name>}. */
    static final class Connector extends AbstractAuthenticationToken {

        private final String name;

        Connector(String name) {
            super(List.of(new SimpleGrantedAuthority(CONNECTOR_ROLE)));
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
