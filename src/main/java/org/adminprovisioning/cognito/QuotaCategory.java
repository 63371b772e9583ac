package org.adminprovisioning.cognito;

import java.util.Map;

/**
 * Cognito's request-rate quota categories for user pools: each quota is a number of requests per
 * second shared by every API of the category, across every user pool of one AWS account and region
 * (AWS's "Amazon Cognito user pools API operation categories and request rate quotas"). Only the
 * APIs this service calls are listed.
 */
public enum QuotaCategory {
    /** {@code AdminCreateUser} and its {@code RESEND}; 50 requests/s by default. */
    USER_CREATION,
    /** {@code AdminGetUser}, {@code AdminListGroupsForUser}; 120 requests/s by default. */
    USER_READ,
    /** {@code ListUsers}, {@code ListUsersInGroup}; 30 requests/s by default. */
    USER_LIST,
    /** {@code InitiateAuth}, {@code RespondToAuthChallenge}; 120 requests/s by default. */
    USER_AUTHENTICATION,
    /**
     * {@code AdminAddUserToGroup}, {@code AdminDisableUser}, {@code AdminEnableUser}, {@code AdminDeleteUser},
     * {@code AdminUserGlobalSignOut}, {@code AdminSetUserPassword}, {@code AssociateSoftwareToken},
     * {@code VerifySoftwareToken}; 25 requests/s by default.
     */
    USER_UPDATE,
    /** {@code ForgotPassword}, {@code ConfirmForgotPassword}; 30 requests/s by default. */
    USER_ACCOUNT_RECOVERY,
    /** {@code DescribeUserPool} (the password policy, the health check); 15 requests/s by default. */
    USER_POOL_READ;

    private static final Map<String, QuotaCategory> BY_API = Map.ofEntries(
            Map.entry("AdminCreateUser", USER_CREATION),
            Map.entry("AdminGetUser", USER_READ),
            Map.entry("AdminListGroupsForUser", USER_READ),
            Map.entry("ListUsers", USER_LIST),
            Map.entry("ListUsersInGroup", USER_LIST),
            Map.entry("InitiateAuth", USER_AUTHENTICATION),
            Map.entry("RespondToAuthChallenge", USER_AUTHENTICATION),
            Map.entry("AdminAddUserToGroup", USER_UPDATE),
            Map.entry("AdminDisableUser", USER_UPDATE),
            Map.entry("AdminEnableUser", USER_UPDATE),
            Map.entry("AdminDeleteUser", USER_UPDATE),
            Map.entry("AdminUserGlobalSignOut", USER_UPDATE),
            Map.entry("AdminSetUserPassword", USER_UPDATE),
            Map.entry("AssociateSoftwareToken", USER_UPDATE),
            Map.entry("VerifySoftwareToken", USER_UPDATE),
            Map.entry("ForgotPassword", USER_ACCOUNT_RECOVERY),
            Map.entry("ConfirmForgotPassword", USER_ACCOUNT_RECOVERY),
            Map.entry("DescribeUserPool", USER_POOL_READ));

    /**
     * The category of a Cognito API, named as Cognito names it; a variant in brackets
     * ({@code AdminCreateUser(RESEND)}) counts as its API.
     *
     * @throws IllegalArgumentException for an API no category is known for: every call must be paced
     */
    public static QuotaCategory of(String api) {
        int bracket = api.indexOf('(');
        QuotaCategory category = BY_API.get(bracket < 0 ? api : api.substring(0, bracket));
        if (category == null) {
            throw new IllegalArgumentException("No Cognito quota category is known for " + api);
        }
        return category;
    }
}
