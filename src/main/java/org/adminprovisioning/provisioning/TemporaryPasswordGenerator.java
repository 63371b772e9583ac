package org.adminprovisioning.provisioning;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.adminprovisioning.cognito.PasswordPolicy;

/**
 * Makes temporary passwords with {@link SecureRandom}: at least one upper-case letter, one
 * lower-case letter, one digit and one of Cognito's symbols, so the password satisfies any pool
 * policy up to its length. Never stored, never logged.
 */
public class TemporaryPasswordGenerator {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    // Symbols that survive copy and paste from an email and need no escaping in JSON or a shell.
    private static final String SYMBOLS = "!#%*+-.=?@^_~";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

    private final SecureRandom random;
    private final int length;

    public TemporaryPasswordGenerator(int length) {
        this(new SecureRandom(), length);
    }

    TemporaryPasswordGenerator(SecureRandom random, int length) {
        if (length < 8 || length > 256) {
            throw new IllegalArgumentException("Temporary password length must be 8 to 256, was " + length);
        }
        for (char c : SYMBOLS.toCharArray()) {
            if (PasswordPolicy.SYMBOLS.indexOf(c) < 0) {
                throw new IllegalStateException("Not a Cognito symbol: " + c);
            }
        }
        this.random = random;
        this.length = length;
    }

    public String generate() {
        List<Character> chars = new ArrayList<>(length);
        chars.add(pick(UPPER));
        chars.add(pick(LOWER));
        chars.add(pick(DIGITS));
        chars.add(pick(SYMBOLS));
        while (chars.size() < length) {
            chars.add(pick(ALL));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
