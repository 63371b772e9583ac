package org.adminprovisioning.cognito.inmemory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the default profile's in-memory pool behaves ({@code cognito.in-memory.*}).
 *
 * @param mfa the pool's MFA setting, as a Cognito pool's {@code MfaConfiguration}: {@code OFF} (the
 *            default; nobody is asked for a code), {@code OPTIONAL} (users who added an authenticator
 *            app are asked for its code) or {@code REQUIRED} (every user must add one at the first
 *            sign-in, {@code MFA_SETUP}, and give its code at every sign-in after)
 */
@ConfigurationProperties("cognito.in-memory")
public record InMemoryPoolProperties(@DefaultValue("OFF") Mfa mfa) {

    /** Cognito's {@code MfaConfiguration}, with {@code ON} called {@code REQUIRED} as the console calls it. */
    public enum Mfa {
        /** Nobody is asked for a code. */
        OFF,
        /** Users who added an authenticator app are asked for its code. */
        OPTIONAL,
        /** Every user must add an authenticator app and give its code at every sign-in. */
        REQUIRED
    }
}
