package org.adminprovisioning.cognito;

import java.time.Instant;

/**
 * A user as the pool reports it.
 *
 * @param username  the pool's username: a UUID in email-as-username pools, the email otherwise
 * @param sub       the immutable {@code sub} attribute
 * @param email     the {@code email} attribute, lower-case
 * @param status    the pool's {@code UserStatus}
 * @param enabled   false once an administrator disabled the user
 * @param createdAt when the pool created the user
 * @param modifiedAt when the pool last changed the user (a resend moves it)
 */
public record CognitoUser(
        String username,
        String sub,
        String email,
        CognitoUserStatus status,
        boolean enabled,
        Instant createdAt,
        Instant modifiedAt) {
}
