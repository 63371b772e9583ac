package org.adminprovisioning.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call {@code /scim/v2/**} and how hard ({@code provisioning.scim.*}, env
 * {@code PROVISIONING_SCIM_*}); see {@code docs/scim.md}. No connector configured: every SCIM request
 * answers 401.
 *
 * @param connectors                one entry per identity provider that provisions admins
 * @param cognitoScope              {@code cognito} profile only: the scope (e.g.
 *                                  {@code admin-provisioning/scim}) a Cognito client-credentials access
 *                                  token must carry; blank = such tokens are not accepted
 * @param requestsPerClient         SCIM requests from one client address (IPv6: one {@code /64}) within
 *                                  {@code requestsPerClientWindow}, refused ones included; more answer 429
 * @param requestsPerClientWindow   the window of {@code requestsPerClient}
 * @param failedAttemptsPerClient   refused credentials (answers 401) from one client address within
 *                                  {@code failedAttemptsWindow}; more answer 429 before any token is looked at
 * @param failedAttemptsWindow      the window of {@code failedAttemptsPerClient}
 */
@ConfigurationProperties("provisioning.scim")
public record ScimConnectorProperties(
        @DefaultValue List<Connector> connectors,
        @DefaultValue("") String cognitoScope,
        @DefaultValue("600") int requestsPerClient,
        @DefaultValue("1m") Duration requestsPerClientWindow,
        @DefaultValue("10") int failedAttemptsPerClient,
        @DefaultValue("15m") Duration failedAttemptsWindow) {

    /** What goes into the audit trail's actor {@code scim:<name>}: plain, short, unambiguous. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,56}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public ScimConnectorProperties {
        Set<String> names = new HashSet<>();
        for (Connector connector : connectors) {
            if (!names.add(connector.name())) {
                throw new IllegalArgumentException("provisioning.scim.connectors: the name '" + connector.name()
                        + "' is used twice");
            }
            if (connector.cognitoClientId() != null && cognitoScope.isBlank()) {
                throw new IllegalArgumentException("provisioning.scim.connectors[" + connector.name()
                        + "].cognito-client-id needs provisioning.scim.cognito-scope");
            }
        }
        if (requestsPerClient < 1 || failedAttemptsPerClient < 1 || !positive(requestsPerClientWindow)
                || !positive(failedAttemptsWindow)) {
            throw new IllegalArgumentException("provisioning.scim.requests-per-client, failed-attempts-per-client "
                    + "and their windows must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /**
     * One identity provider's connector.
     *
     * @param name            the connector's name: the audit trail records its changes as {@code scim:<name>}
     * @param tokenSha256     hex SHA-256 digests of the bearer secrets it may send (more than one while a
     *                        secret is rotated); the secrets themselves are never configured
     * @param cognitoClientId {@code cognito} profile only: the app client whose client-credentials tokens
     *                        (with {@link #cognitoScope}) stand for this connector; {@code null} for none
     */
    public record Connector(String name, @DefaultValue List<String> tokenSha256, String cognitoClientId) {

        public Connector {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("provisioning.scim.connectors[].name must be 1 to 56 of "
                        + "A-Z a-z 0-9 . _ - (it is audited as scim:<name>), not '" + name + "'");
            }
            for (String digest : tokenSha256) {
                if (!SHA256_HEX.matcher(digest.trim()).matches()) {
                    throw new IllegalArgumentException("provisioning.scim.connectors[" + name + "].token-sha256 "
                            + "holds hex SHA-256 digests (64 characters), never the token itself");
                }
            }
            if (cognitoClientId != null && cognitoClientId.isBlank()) {
                cognitoClientId = null;
            }
            if (tokenSha256.isEmpty() && cognitoClientId == null) {
                throw new IllegalArgumentException("provisioning.scim.connectors[" + name + "] needs a token-sha256 "
                        + "or a cognito-client-id");
            }
        }
    }
}
