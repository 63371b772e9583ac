package org.adminprovisioning.cognito;


/** Membership of the admin group, read page by page ({@code ListUsersInGroup}); the group is small. */
public final class AdminGroup {

    private AdminGroup() {
    }

    /** Whether the Cognito user is in the admin group. */
    public static boolean contains(CognitoGateway cognito, String username) {
        String nextToken = null;
        do {
            CognitoUserPage page = cognito.listAdminGroupUsers(nextToken);
            if (page.users().stream().anyMatch(member -> member.username().equals(username))) {
                return true;
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return false;
    }
}
