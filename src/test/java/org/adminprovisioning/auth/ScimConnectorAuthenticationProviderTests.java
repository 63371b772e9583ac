package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Connector authentication: hashed secrets, Cognito client-credentials tokens with the SCIM scope
 * (tokens signed here with a key of the test's own, as the pool would sign them), and an admin's
 * token recognised and left without the connector's role.
 */
class ScimConnectorAuthenticationProviderTests {

    private static final String SECRET = "scim-test-connector-secret-0123456789abcdef";
    private static final String SECRET_SHA256 = "21c1bfc6af5a3bd2dcbb1c9cf4f746c5773cd7afed541614b3e6f49e016d8a67";
    private static final String SCOPE = "admin-provisioning/scim";

    private final KeyPair pool = rsa();
    private final JwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pool.getPublic()).build();
    private final ScimConnectors connectors = new ScimConnectors(new ScimConnectorProperties(List.of(
            new ScimConnectorProperties.Connector("entra", List.of(SECRET_SHA256), null),
            new ScimConnectorProperties.Connector("okta-m2m", List.of(), "m2m-client-1")), SCOPE, 600,
            java.time.Duration.ofMinutes(1), 10, java.time.Duration.ofMinutes(15)));
    private final ScimConnectorAuthenticationProvider provider = new ScimConnectorAuthenticationProvider(connectors,
            decoder, decoder);

    @Test
    void aConnectorsSecret_authenticatesTheConnector() {
        Authentication connector = provider.authenticate(new BearerTokenAuthenticationToken(SECRET));

        assertThat(connector.getName()).isEqualTo("entra");
        assertThat(connector.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(ScimConnectorAuthenticationProvider.CONNECTOR_ROLE);
    }

    @Test
    void anyOtherSecret_isAnInvalidToken() {
        for (String wrong : new String[] {SECRET + " ", SECRET.toUpperCase(), SECRET_SHA256, "a.b", "x.y.z"}) {
            assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(wrong)))
                    .as(wrong).isInstanceOf(InvalidBearerTokenException.class);
        }
    }

    @Test
    void aClientCredentialsToken_ofAConnectorsAppClient_withTheScope_authenticatesTheConnector() throws Exception {
        String token = sign(Map.of("client_id", "m2m-client-1", "sub", "m2m-client-1", "token_use", "access",
                "scope", "other/read " + SCOPE));

        assertThat(provider.authenticate(new BearerTokenAuthenticationToken(token)).getName()).isEqualTo("okta-m2m");
    }

    @Test
    void clientCredentialsTokens_withoutTheScope_orOfAnotherClient_areInvalid() throws Exception {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("client_id", "m2m-client-1", "token_use", "access", "scope", "other/read"),
                Map.of("client_id", "someone-else", "token_use", "access", "scope", SCOPE))) {
            Authentication result;
            try {
                result = provider.authenticate(new BearerTokenAuthenticationToken(sign(claims)));
            } catch (InvalidBearerTokenException refused) {
                continue;
            }
            // Signed by the pool but no connector's: recognised as a token, never with the connector role.
            assertThat(result.getAuthorities()).as(claims.toString()).isEmpty();
        }
    }

    @Test
    void anAdminsUserToken_isRecognised_butNeverGetsTheConnectorsRole_evenWithTheScope() throws Exception {
        String admin = sign(Map.of("client_id", "m2m-client-1", "username", "admin-1", "token_use", "access",
                "cognito:groups", List.of("admins"), "scope", SCOPE));

        Authentication result = provider.authenticate(new BearerTokenAuthenticationToken(admin));

        assertThat(result.getName()).isEqualTo("admin-1");
        assertThat(result.getAuthorities()).isEmpty();
    }

    @Test
    void connectorNamesAndDigests_areValidated_atStartUp() {
        assertThatThrownBy(() -> new ScimConnectorProperties.Connector("entra id", List.of(SECRET_SHA256), null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ScimConnectorProperties.Connector("entra", List.of(SECRET), null))
                .hasMessageContaining("never the token itself");
        assertThatThrownBy(() -> new ScimConnectorProperties.Connector("entra", List.of(), null))
                .hasMessageContaining("needs a token-sha256");
        assertThatThrownBy(() -> new ScimConnectorProperties(List.of(new ScimConnectorProperties.Connector("okta",
                List.of(), "client")), "", 1, java.time.Duration.ofMinutes(1), 1, java.time.Duration.ofMinutes(1)))
                .hasMessageContaining("cognito-scope");
    }

    private String sign(Map<String, Object> claims) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer("https://cognito-idp.us-east-1.amazonaws.com/pool")
                .issueTime(java.util.Date.from(Instant.now()))
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                set.build());
        jwt.sign(new RSASSASigner(pool.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
