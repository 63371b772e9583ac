package org.adminprovisioning.cognito.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * One user of the in-memory pool. Passwords and reset codes are kept as salted hashes; the TOTP
 * secret in clear, as any TOTP verifier must. Not thread-safe: the pool's lock guards it.
 */
final class PoolUser {

    /** The pool's creation order: listings page through it, and a deletion shifts no page. */
    final long sequence;
    final String username;
    final String sub;
    final String email;
    final Instant createdAt;
    final Set<String> groups = new LinkedHashSet<>();
    boolean emailVerified;
    boolean enabled = true;
    UserStatusType status = UserStatusType.FORCE_CHANGE_PASSWORD;
    Instant modifiedAt;
    Instant passwordExpiresAt;
    /** The last global sign-out: refresh tokens issued before it are revoked. */
    Instant signedOutAt;
    /** The verified software token (Base32), or {@code null} while the user has no authenticator app. */
    String totpSecret;
    /** A secret associated through an access token, waiting for {@code VerifySoftwareToken}. */
    String pendingTotpSecret;
    /** The newest TOTP step accepted: a code of this step or an older one is never accepted again. */
    long lastTotpStep = Long.MIN_VALUE;
    private String salt;
    private String passwordHash;
    private String resetCodeHash;
    private Instant resetCodeExpiresAt;

    PoolUser(long sequence, String username, String sub, String email, Instant createdAt) {
        this.sequence = sequence;
        this.username = username;
        this.sub = sub;
        this.email = email;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    void setPassword(String password, Instant expiresAt) {
        this.salt = UUID.randomUUID().toString();
        this.passwordHash = hash(salt, password);
        this.passwordExpiresAt = expiresAt;
    }

    boolean passwordMatches(String password) {
        return password != null && MessageDigest.isEqual(
                passwordHash.getBytes(StandardCharsets.UTF_8),
                hash(salt, password).getBytes(StandardCharsets.UTF_8));
    }

    boolean hasSoftwareToken() {
        return totpSecret != null;
    }

    /** A new reset code replaces any earlier one. */
    void setResetCode(String code, Instant expiresAt) {
        this.resetCodeHash = hash(salt, code);
        this.resetCodeExpiresAt = expiresAt;
    }

    boolean resetCodeMatches(String code) {
        return resetCodeHash != null && code != null && MessageDigest.isEqual(
                resetCodeHash.getBytes(StandardCharsets.UTF_8), hash(salt, code).getBytes(StandardCharsets.UTF_8));
    }

    boolean resetCodeExpired(Instant now) {
        return resetCodeExpiresAt == null || now.isAfter(resetCodeExpiresAt);
    }

    void clearResetCode() {
        resetCodeHash = null;
        resetCodeExpiresAt = null;
    }

    UserType toUserType() {
        return UserType.builder()
                .username(username)
                .attributes(attribute("sub", sub), attribute("email", email),
                        attribute("email_verified", Boolean.toString(emailVerified)))
                .userCreateDate(createdAt)
                .userLastModifiedDate(modifiedAt)
                .enabled(enabled)
                .userStatus(status)
                .build();
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static String hash(String salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((salt + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
