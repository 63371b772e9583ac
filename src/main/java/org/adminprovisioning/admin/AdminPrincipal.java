package org.adminprovisioning.admin;

import java.util.UUID;

/**
 * The authenticated admin behind a request: its {@code User} id, Cognito username and email.
 * Only a caller whose token is valid, carries the admin group and whose {@code User} is ACTIVE
 * becomes one.
 */
public record AdminPrincipal(UUID userId, String username, String email) {
}
