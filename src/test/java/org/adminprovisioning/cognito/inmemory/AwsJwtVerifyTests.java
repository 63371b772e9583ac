package org.adminprovisioning.cognito.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.PinnedNodePackage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A verifier nobody here wrote, AWS's {@code aws-jwt-verify} (npm, pinned in {@code src/test/node/jwt-verify}),
 * configured as a web app's backend would be in local development: the pool id and app client id, and the
 * key set the service serves at {@code /<poolId>/.well-known/jwks.json}. It must accept the in-memory pool's
 * access and id tokens, and refuse a tampered one, a token of the wrong kind, and one for another client.
 * Skipped with the reason without node and npm; fails under {@code CI=true}.
 */
class AwsJwtVerifyTests extends EndToEndTestSupport {

    @Autowired
    private CognitoProperties cognito;

    @Test
    void awsJwtVerify_acceptsOurAccessAndIdTokens_againstTheServedKeySet_andRefusesTamperedOnes() throws Exception {
        PinnedNodePackage verifier = PinnedNodePackage.install("jwt-verify");
        Peers.assumeAvailable("aws-jwt-verify (node)", verifier.available(), verifier.reason());
        JsonNode tokens = login(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        String keysPath = "/" + cognito.userPoolId() + "/.well-known/jwks.json";
        JsonNode jwks = json.readTree(perform(get(keysPath)).getResponse().getContentAsString());
        String access = tokens.path("accessToken").asString();
        Map<String, String> toVerify = new LinkedHashMap<>();
        toVerify.put("access", access);
        toVerify.put("id", tokens.path("idToken").asString());
        toVerify.put("tamperedAccess", withClaim(access, "\"username\":\"", "\"username\":\"x"));
        toVerify.put("unsigned", access.substring(0, access.lastIndexOf('.') + 1) + "c2lnbmF0dXJl");

        JsonNode results = verify(verifier, Map.of("userPoolId", cognito.userPoolId(), "clientId", cognito.clientId(),
                "jwks", jwks, "jwksUri", "http://localhost:8080" + keysPath, "tokens", toVerify));

        assertThat(results.path("access/access").path("valid").asBoolean()).as(results.toString()).isTrue();
        assertThat(results.path("access/access").path("tokenUse").asString()).isEqualTo("access");
        assertThat(results.path("access/generic").path("valid").asBoolean()).as(results.toString()).isTrue();
        assertThat(results.path("id/id").path("valid").asBoolean()).as(results.toString()).isTrue();
        assertThat(results.path("id/id").path("tokenUse").asString()).isEqualTo("id");
        assertThat(results.path("access/id").path("error").asString()).isEqualTo("CognitoJwtInvalidTokenUseError");
        assertThat(results.path("id/access").path("error").asString()).isEqualTo("CognitoJwtInvalidTokenUseError");
        assertThat(results.path("access/otherClient").path("error").asString())
                .isEqualTo("CognitoJwtInvalidClientIdError");
        for (String bad : List.of("tamperedAccess/access", "tamperedAccess/generic", "unsigned/access")) {
            assertThat(results.path(bad).path("valid").asBoolean()).as(bad).isFalse();
            assertThat(results.path(bad).path("error").asString()).as(bad).isEqualTo("JwtInvalidSignatureError");
        }
    }

    private JsonNode verify(PinnedNodePackage verifier, Map<String, Object> input) throws Exception {
        Path file = Files.createTempFile(verifier.directory(), "input-", ".json");
        try {
            Files.writeString(file, json.writeValueAsString(input));
            return json.readTree(verifier.run("verify.mjs", List.of(file.toString())));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The token with one claim changed in its payload and the original signature kept. */
    private static String withClaim(String jwt, String from, String to) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains(from);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }
}
