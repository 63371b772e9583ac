package org.adminprovisioning.admin;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** All users; emails are stored normalized, so look-ups take an {@link EmailAddress}'s value. */
public interface Users extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String email);

    Optional<User> findByCognitoUsername(String cognitoUsername);

    boolean existsByEmail(String email);

    boolean existsByStatus(AdminStatus status);
}
