package org.adminprovisioning.admin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** All users; emails are stored normalized, so look-ups take an {@link EmailAddress}'s value. */
public interface Users extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String email);

    Optional<User> findByCognitoUsername(String cognitoUsername);

    boolean existsByEmail(String email);

    boolean existsByStatus(AdminStatus status);

    /** Which of these Cognito usernames have a {@code User} (one page of the drift report). */
    @Query("select u.cognitoUsername from User u where u.cognitoUsername in :usernames")
    List<String> findCognitoUsernamesIn(@Param("usernames") Collection<String> usernames);

    /** Which of these users have no {@link AdminInfo} (one page of the drift report). */
    @Query("select u.id from User u where u.id in :ids and not exists (select i from AdminInfo i where i.user = u)")
    List<UUID> findIdsWithoutAdminInfoIn(@Param("ids") Collection<UUID> ids);
}
