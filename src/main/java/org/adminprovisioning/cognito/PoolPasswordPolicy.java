package org.adminprovisioning.cognito;

import java.time.Duration;
import java.util.function.Supplier;

import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * {@link AwsCognitoGateway#passwordPolicy()}: the pool's password policy read with {@code DescribeUserPool}
 * and kept for a few minutes. Every person on the "choose a password" screen asks for it, and
 * {@code DescribeUserPool} has a small quota of its own (UserPoolRead), while a pool's policy changes
 * once in a long while; a change shows here within {@link #KEPT_FOR}.
 */
final class PoolPasswordPolicy {

    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private final Supplier<UserPoolType> describe;
    private volatile Read last;

    /** @param describe {@code DescribeUserPool}'s pool, paced and with its errors translated like every call */
    PoolPasswordPolicy(Supplier<UserPoolType> describe) {
        this.describe = describe;
    }

    PasswordPolicy get() {
        Read read = last;
        long now = System.nanoTime();
        if (read != null && now - read.atNanos() < KEPT_FOR.toNanos()) {
            return read.policy();
        }
        PasswordPolicy policy = of(describe.get());
        last = new Read(policy, now);
        return policy;
    }

    /** The pool's policy; what it leaves out (an emulator may leave out everything) is Cognito's default. */
    static PasswordPolicy of(UserPoolType pool) {
        PasswordPolicy defaults = PasswordPolicy.cognitoDefault();
        UserPoolPolicyType policies = pool == null ? null : pool.policies();
        PasswordPolicyType password = policies == null ? null : policies.passwordPolicy();
        if (password == null) {
            return defaults;
        }
        return new PasswordPolicy(
                password.minimumLength() == null ? defaults.minimumLength() : password.minimumLength(),
                password.requireUppercase() == null ? defaults.requireUppercase() : password.requireUppercase(),
                password.requireLowercase() == null ? defaults.requireLowercase() : password.requireLowercase(),
                password.requireNumbers() == null ? defaults.requireNumbers() : password.requireNumbers(),
                password.requireSymbols() == null ? defaults.requireSymbols() : password.requireSymbols());
    }

    private record Read(PasswordPolicy policy, long atNanos) {
    }
}
