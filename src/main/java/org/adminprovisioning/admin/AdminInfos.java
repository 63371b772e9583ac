package org.adminprovisioning.admin;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Admin records, each fetched with its user and inviter because every reader needs them. */
interface AdminInfos extends JpaRepository<AdminInfo, UUID> {

    // Fetch joins in the query rather than @EntityGraph: Hibernate caches the translated plan of a query
    // without an applied graph, and re-translates one with a graph on every call (a hot path: every request).
    String WITH_USER_AND_INVITER = "select i from AdminInfo i join fetch i.user u left join fetch i.invitedBy ";

    @Query(WITH_USER_AND_INVITER + "where u.id = :userId")
    Optional<AdminInfo> findByUserId(@Param("userId") UUID userId);

    @Query(WITH_USER_AND_INVITER + "where u.liveEmail = :email")
    Optional<AdminInfo> findByUserLiveEmail(@Param("email") String email);

    @Query(WITH_USER_AND_INVITER + "where u.liveCognitoUsername = :cognitoUsername")
    Optional<AdminInfo> findByUserLiveCognitoUsername(@Param("cognitoUsername") String cognitoUsername);

    /** One page of admins in these states whose email starts with the prefix (a LIKE pattern, escaped with {@code !}). */
    @EntityGraph(attributePaths = {"user", "invitedBy"})
    @Query(value = "select i from AdminInfo i join i.user u where u.status in :statuses and u.email like :prefix escape '!'",
            countQuery = "select count(i) from AdminInfo i join i.user u where u.status in :statuses "
                    + "and u.email like :prefix escape '!'")
    Page<AdminInfo> findPage(@Param("statuses") Collection<AdminStatus> statuses, @Param("prefix") String prefix,
            Pageable page);
}
