package org.adminprovisioning;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens an attacker can make without the pool's private key, each with a name for the
 * report: unsigned ({@code alg: none}), HS256 signed with the JWKS' public key (algorithm
 * confusion), RS256 by another key with a wrong or with the pool's own {@code kid}, a real token
 * with its payload changed, huge, truncated and garbage. Every one carries the claims of a real
 * admin token, so only the signature check stands between it and the API.
 */
final class ForgedTokens {

    record Forged(String name, String authorization) {
    }

    private final Map<String, Object> adminClaims;
    private final RSAKey poolKey;
    private final String realToken;
    private final RSAKey otherKey;
    private final RSAKey otherKeyWithPoolKid;

    /**
     * @param poolKey    the pool's public key, as its JWKS publishes it
     * @param realToken  a genuine admin access token, whose claims every forgery copies
     */
    ForgedTokens(RSAKey poolKey, String realToken) throws Exception {
        this.poolKey = poolKey;
        this.realToken = realToken;
        this.adminClaims = SignedJWT.parse(realToken).getJWTClaimsSet().toJSONObject();
        this.otherKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        this.otherKeyWithPoolKid = new RSAKeyGenerator(2048).keyID(poolKey.getKeyID()).generate();
    }

    Forged any(Random random) throws Exception {
        return switch (random.nextInt(14)) {
            case 0 -> new Forged("no Authorization header", null);
            case 1 -> new Forged("alg none", "Bearer " + unsigned(claims(random)));
            case 2 -> new Forged("HS256 keyed with the JWKS public key (DER)",
                    "Bearer " + hmac(poolKey.toRSAPublicKey().getEncoded(), claims(random)));
            case 3 -> new Forged("HS256 keyed with the JWKS public key (JWK JSON)",
                    "Bearer " + hmac(poolKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                            claims(random)));
            case 4 -> new Forged("RS256 by another key, unknown kid", "Bearer " + rsa(otherKey, claims(random)));
            case 5 -> new Forged("RS256 by another key under the pool's kid",
                    "Bearer " + rsa(otherKeyWithPoolKid, claims(random)));
            case 6 -> new Forged("real token, payload changed", "Bearer " + tampered(claims(random)));
            case 7 -> new Forged("real token, signature cut off", "Bearer " + realToken.substring(0,
                    realToken.lastIndexOf('.') + 1));
            case 8 -> new Forged("huge token (7 KB)", "Bearer " + "A".repeat(7_000) + "." + "B".repeat(100) + ".C");
            case 9 -> new Forged("malformed: " + MALFORMED[random.nextInt(MALFORMED.length)],
                    MALFORMED[random.nextInt(MALFORMED.length)]);
            case 10 -> new Forged("random base64 segments", "Bearer " + segment(random, 40) + "." + segment(random, 200)
                    + "." + segment(random, 300));
            case 11 -> new Forged("alg none, header claims RS256 kid of the pool",
                    "Bearer " + encode("{\"alg\":\"RS256\",\"kid\":\"" + poolKey.getKeyID() + "\"}") + "."
                            + encode(JWTClaimsSet.parse(claims(random)).toString()) + ".");
            case 12 -> new Forged("JSON in the header", "Bearer {\"alg\":\"none\"}");
            default -> new Forged("a real token, but as Basic credentials", "Basic " + realToken);
        };
    }

    private static final String[] MALFORMED = {"Bearer", "Bearer ", "Bearer  ", "Bearer a", "Bearer a.b",
        "Bearer ...", "Bearer a.b.c.d.e", "bearer x.y.z", "Bearer =.=.=", "Token abc", "Bearer \t", "Bearer é.è.ê",
        "Bearer %00.%00.%00", "Bearer " + "x".repeat(300)};

    /** The real admin's claims, some of them changed the way a forger would. */
    private Map<String, Object> claims(Random random) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>(adminClaims);
        switch (random.nextInt(6)) {
            case 0 -> claims.put("exp", new Date(System.currentTimeMillis() + 86_400_000L).getTime() / 1000);
            case 1 -> claims.put("cognito:groups", List.of("admins", "root"));
            case 2 -> claims.put("username", "someone-else-" + random.nextInt(1000));
            case 3 -> claims.put("sub", UUID.randomUUID().toString());
            case 4 -> claims.put("token_use", "id");
            default -> {
                // the claims as they are
            }
        }
        return claims;
    }

    private static String unsigned(Map<String, Object> claims) throws Exception {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(JWTClaimsSet.parse(claims).toString()) + ".";
    }

    private String hmac(byte[] secret, Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String rsa(RSAKey key, Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String tampered(Map<String, Object> claims) throws Exception {
        String[] parts = realToken.split("\\.");
        return parts[0] + "." + encode(JWTClaimsSet.parse(claims).toString()) + "." + parts[2];
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String segment(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
