package org.adminprovisioning.cognito;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast the service may call Cognito ({@code cognito.quotas.*}): the account's request-rate quota
 * per {@link QuotaCategory}, in requests per second. Every instance draws from the same budget (the
 * limiter's state is in PostgreSQL), so set these to the account's quotas, less whatever other
 * applications of the account use. AWS's defaults are the defaults.
 *
 * @param enabled             whether calls are paced at all
 * @param userCreation        {@code AdminCreateUser} and its {@code RESEND}
 * @param userRead            {@code AdminGetUser}, {@code AdminListGroupsForUser}
 * @param userList            {@code ListUsers}, {@code ListUsersInGroup}
 * @param userAuthentication  {@code InitiateAuth}, {@code RespondToAuthChallenge}
 * @param userUpdate          group membership, disable, enable, delete, sign-out, software tokens
 * @param userAccountRecovery {@code ForgotPassword}, {@code ConfirmForgotPassword}
 * @param userPoolRead        {@code DescribeUserPool}
 * @param maxWait             how long a call may wait for its turn; longer, and it fails as throttled
 *                            without reaching Cognito
 * @param throttleRetries     how often a call Cognito throttled anyway is tried again (each try waits
 *                            for its turn again)
 * @param throttleBackoff     the pause before the first retry; it doubles with each retry, up to 2 s
 */
@ConfigurationProperties("cognito.quotas")
public record CognitoQuotaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int userCreation,
        @DefaultValue("120") int userRead,
        @DefaultValue("30") int userList,
        @DefaultValue("120") int userAuthentication,
        @DefaultValue("25") int userUpdate,
        @DefaultValue("30") int userAccountRecovery,
        @DefaultValue("15") int userPoolRead,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("4") int throttleRetries,
        @DefaultValue("100ms") Duration throttleBackoff) {

    public CognitoQuotaProperties {
        for (int rate : new int[] {userCreation, userRead, userList, userAuthentication, userUpdate,
            userAccountRecovery, userPoolRead}) {
            if (rate < 1) {
                throw new IllegalArgumentException("cognito.quotas.* must be at least 1 request per second");
            }
        }
        if (throttleRetries < 0) {
            throw new IllegalArgumentException("cognito.quotas.throttle-retries must not be negative");
        }
    }

    /** The category's quota, requests per second. */
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
}
