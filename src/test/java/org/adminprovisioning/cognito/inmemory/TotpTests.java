package org.adminprovisioning.cognito.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

import org.adminprovisioning.testsupport.Authenticator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The in-memory pool's TOTP against RFC 6238's and RFC 4648's published test vectors. */
class TotpTests {

    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_6238_SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0} s: {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"})
    void code_matchesRfc6238AppendixB_forHmacSha1WithEightDigits(long unixSeconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));

        assertThat(Totp.code(RFC_6238_SHA1_SEED, step, 8)).isEqualTo(expected);
        // Six digits, as Cognito uses, are the same number modulo 10^6.
        assertThat(Totp.code(RFC_6238_SHA1_SEED, step, 6)).isEqualTo(expected.substring(2));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32_matchesRfc4648Section10_withoutPadding(String text, String encoded) {
        assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded + "======"), StandardCharsets.US_ASCII)).isEqualTo(text);
        assertThat(new String(Base32.decode(encoded.toLowerCase()), StandardCharsets.US_ASCII)).isEqualTo(text);
    }

    @Test
    void rfc6238Seed_inBase32_givesTheSameSixDigitCodes() {
        String secret = Base32.encode(RFC_6238_SHA1_SEED);

        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void matchingStep_acceptsOneStepEitherSide_andNothingFurther() {
        String secret = Totp.newSecret(new SecureRandom());
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        long current = Totp.step(now);

        assertThat(Totp.matchingStep(secret, Totp.code(secret, now), now)).hasValue(current);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.minusSeconds(30)), now)).hasValue(current - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.plusSeconds(30)), now)).hasValue(current + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.minusSeconds(60)), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.plusSeconds(60)), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
    }

    @Test
    void newSecret_is160RandomBitsInBase32_andAgreesWithAnIndependentAuthenticator() {
        SecureRandom random = new SecureRandom();
        String secret = Totp.newSecret(random);

        assertThat(secret).matches("[A-Z2-7]{32}").isNotEqualTo(Totp.newSecret(random));
        Instant now = Instant.now();
        assertThat(Authenticator.code(secret, now)).isEqualTo(Totp.code(secret, now));
    }
}
