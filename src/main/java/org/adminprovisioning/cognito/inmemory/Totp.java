package org.adminprovisioning.cognito.inmemory;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as Cognito's software-token MFA uses them: RFC 6238 over RFC 4226's
 * HOTP with HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits, Base32 secrets, and one step
 * of tolerance either side for clock drift and typing time.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    /** Steps accepted either side of the current one (RFC 6238 §5.2 recommends at most one). */
    static final int TOLERANCE = 1;
    /** 160 bits, the key length RFC 4226 recommends for HMAC-SHA1. */
    private static final int SECRET_BYTES = 20;

    private Totp() {
    }

    /** A fresh random secret, Base32 as authenticator apps take it. */
    static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The time step an instant falls in: whole 30-second periods since the epoch. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    /** The 6-digit code of a Base32 secret at an instant. */
    static String code(String base32Secret, Instant at) {
        return code(Base32.decode(base32Secret), step(at), DIGITS);
    }

    /**
     * RFC 4226 §5.3: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation to 31 bits, the
     * last {@code digits} decimal digits, zero-padded.
     */
    static String code(byte[] key, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % (int) Math.pow(10, digits));
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * The step whose code this is, within {@link #TOLERANCE} steps of {@code now}; empty when the code
     * is wrong. Compared in constant time, so the comparison does not leak how many digits matched.
     */
    static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - TOLERANCE; step <= current + TOLERANCE; step++) {
            if (MessageDigest.isEqual(code(key, step, DIGITS).getBytes(), code.getBytes())) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
