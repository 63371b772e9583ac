package org.adminprovisioning.cognito;

import java.util.List;

/**
 * One page of a Cognito listing.
 *
 * @param nextToken the token for the next page, or {@code null} on the last page
 */
public record CognitoUserPage(List<CognitoUser> users, String nextToken) {

    public CognitoUserPage {
        users = List.copyOf(users);
    }

    public boolean hasNext() {
        return nextToken != null;
    }
}
