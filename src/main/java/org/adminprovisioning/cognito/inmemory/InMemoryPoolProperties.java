package org.adminprovisioning.cognito.inmemory;

import java.time.Duration;

import org.adminprovisioning.cognito.QuotaCategory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the default profile's in-memory pool behaves ({@code cognito.in-memory.*}).
 *
 * @param mfa the pool's MFA setting, as a Cognito pool's {@code MfaConfiguration}: {@code OFF} (the
 *            default; nobody is asked for a code), {@code OPTIONAL} (users who added an authenticator
 *            app are asked for its code) or {@code REQUIRED} (every user must add one at the first
 *            sign-in, {@code MFA_SETUP}, and give its code at every sign-in after)
 * @param quotas  the pool's own request-rate quotas, as Cognito enforces them (off by default): a call
 *                over its category's rate is refused with {@code TooManyRequestsException}
 * @param latency how long each call takes, as a call to Cognito over the network would (0 by default)
 */
@ConfigurationProperties("cognito.in-memory")
public record InMemoryPoolProperties(@DefaultValue("OFF") Mfa mfa, @DefaultValue Quotas quotas,
        @DefaultValue("0ms") Duration latency) {

    /**
     * Requests per second the in-memory pool accepts per {@link QuotaCategory}
     * ({@code cognito.in-memory.quotas.user-creation=50}, ...); 0, the default, is no quota.
     */
    public record Quotas(@DefaultValue("0") int userCreation, @DefaultValue("0") int userRead,
            @DefaultValue("0") int userList, @DefaultValue("0") int userAuthentication,
            @DefaultValue("0") int userUpdate, @DefaultValue("0") int userAccountRecovery,
            @DefaultValue("0") int userPoolRead) {

        /** The category's quota in requests per second, 0 for none. */
        public int perSecond(QuotaCategory category) {
            return switch (category) {
                case USER_CREATION -> userCreation;
                case USER_READ -> userRead;
                case USER_LIST -> userList;
                case USER_AUTHENTICATION -> userAuthentication;
                case USER_UPDATE -> userUpdate;
                case USER_ACCOUNT_RECOVERY -> userAccountRecovery;
                case USER_POOL_READ -> userPoolRead;
            };
        }

        boolean any() {
            return userCreation + userRead + userList + userAuthentication + userUpdate + userAccountRecovery
                    + userPoolRead > 0;
        }
    }

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
