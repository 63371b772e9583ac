package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.adminprovisioning.cognito.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style checks over seeds: each failure names its seed, and a seeded run repeats exactly. */
class TemporaryPasswordGeneratorTests {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%*+-.=?@^_~";

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            // setSeed(long) ignores 0; the byte[] form seeds SHA1PRNG fully before its first use.
            random.setSeed(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A length from 8 to 64 that depends only on the seed. */
    private static int lengthFor(long seed) {
        return 8 + (int) Math.floorMod(seed * 31, 57L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generate_hasTheConfiguredLengthAndEveryCharacterClass(long seed) {
        int length = lengthFor(seed);
        String password = new TemporaryPasswordGenerator(seeded(seed), length).generate();

        assertThat(password).as("seed %d, length %d: %s", seed, length, password).hasSize(length);
        assertThat(password).as("seed %d: upper", seed).containsAnyOf(chars(UPPER));
        assertThat(password).as("seed %d: lower", seed).containsAnyOf(chars(LOWER));
        assertThat(password).as("seed %d: digit", seed).containsAnyOf(chars(DIGITS));
        assertThat(password).as("seed %d: symbol", seed).containsAnyOf(chars(SYMBOLS));
        assertThat(password.chars().allMatch(c -> (UPPER + LOWER + DIGITS + SYMBOLS).indexOf(c) >= 0))
                .as("seed %d: only unambiguous, shell- and JSON-safe characters in %s", seed, password).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generate_satisfiesCognitosDefaultPolicy(long seed) {
        String password = new TemporaryPasswordGenerator(seeded(seed), 8).generate();

        assertThat(PasswordPolicy.cognitoDefault().violation(password)).as("seed %d: %s", seed, password).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42, 20260301})
    void generate_repeatsExactly_forTheSameSeed(long seed) {
        assertThat(new TemporaryPasswordGenerator(seeded(seed), 16).generate())
                .as("seed %d", seed)
                .isEqualTo(new TemporaryPasswordGenerator(seeded(seed), 16).generate());
    }

    @Test
    void generate_neverRepeatsAPassword_withTheDefaultSecureRandom() {
        TemporaryPasswordGenerator generator = new TemporaryPasswordGenerator(16);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(seen.add(generator.generate())).as("password %d repeated", i).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 256})
    void constructor_acceptsLengthsFrom8To256(int length) {
        assertThat(new TemporaryPasswordGenerator(length).generate()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 7, 257})
    void constructor_refusesLengthsOutside8To256(int length) {
        assertThatThrownBy(() -> new TemporaryPasswordGenerator(length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(length));
    }

    private static String[] chars(String alphabet) {
        return alphabet.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
    }
}
