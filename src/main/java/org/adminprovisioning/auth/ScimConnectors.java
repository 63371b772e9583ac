package org.adminprovisioning.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The configured SCIM connectors, and which of them a presented secret or Cognito app client is.
 * Secrets are known only by their SHA-256 digests, compared in constant time: every digest is
 * compared, whichever matches, so the answer's timing says nothing about how much of a guess was right.
 */
@Component
class ScimConnectors {

    private record Secret(String connector, byte[] digest) {
    }

    private final List<Secret> secrets = new ArrayList<>();
    private final ScimConnectorProperties properties;

    ScimConnectors(ScimConnectorProperties properties) {
        this.properties = properties;
        for (ScimConnectorProperties.Connector connector : properties.connectors()) {
            for (String digest : connector.tokenSha256()) {
                secrets.add(new Secret(connector.name(), HexFormat.of().parseHex(digest.trim().toLowerCase(Locale.ROOT))));
            }
        }
    }

    /** The connector whose secret this is. */
    Optional<String> bySecret(String presented) {
        byte[] digest = sha256(presented);
        String match = null;
        for (Secret secret : secrets) {
            if (MessageDigest.isEqual(secret.digest(), digest) && match == null) {
                match = secret.connector();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The connector a Cognito app client stands for ({@code cognito} profile). */
    Optional<String> byCognitoClient(String clientId) {
        return properties.connectors().stream().filter(c -> clientId != null && clientId.equals(c.cognitoClientId()))
                .map(ScimConnectorProperties.Connector::name).findFirst();
    }

    /** The scope a Cognito connector's token must carry; blank when Cognito tokens are not accepted. */
    String cognitoScope() {
        return properties.cognitoScope();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
