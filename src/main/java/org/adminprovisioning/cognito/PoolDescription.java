package org.adminprovisioning.cognito;

/**
 * What {@code DescribeUserPool} says about the pool, as far as operators need it.
 *
 * @param id             the pool id
 * @param name           the pool's name
 * @param estimatedUsers Cognito's estimate of the pool's users (not exact, and not only admins)
 */
public record PoolDescription(String id, String name, long estimatedUsers) {
}
