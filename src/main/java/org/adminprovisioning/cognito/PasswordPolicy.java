package org.adminprovisioning.cognito;

import java.util.Optional;

/**
 * A pool's password policy, with Cognito's defaults: at least 8 characters with upper- and
 * lower-case letters, digits and symbols. {@link #violation(String)} words its answer as Cognito
 * does in {@code InvalidPasswordException}.
 */
public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
        boolean requireNumbers, boolean requireSymbols) {

    /** The characters Cognito counts as symbols. */
    public static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

    public static PasswordPolicy cognitoDefault() {
        return new PasswordPolicy(8, true, true, true, true);
    }

    /** What is wrong with the password, or empty when the policy accepts it. */
    public Optional<String> violation(String password) {
        if (password == null || password.length() < minimumLength) {
            return Optional.of("Password does not conform to policy: Password not long enough");
        }
        if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("Password does not conform to policy: Password must have uppercase characters");
        }
        if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("Password does not conform to policy: Password must have lowercase characters");
        }
        if (requireNumbers && password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("Password does not conform to policy: Password must have numeric characters");
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return Optional.of("Password does not conform to policy: Password must have symbol characters");
        }
        return Optional.empty();
    }
}
