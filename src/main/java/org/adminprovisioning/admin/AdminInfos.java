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

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    Optional<AdminInfo> findByUserId(UUID userId);

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    Optional<AdminInfo> findByUserLiveEmail(String email);

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    Optional<AdminInfo> findByUserLiveCognitoUsername(String cognitoUsername);

    /** One page of admins in these states whose email starts with the prefix (a LIKE pattern, escaped with {@code !}). */
    @EntityGraph(attributePaths = {"user", "invitedBy"})
    @Query(value = "select i from AdminInfo i join i.user u where u.status in :statuses and u.email like :prefix escape '!'",
            countQuery = "select count(i) from AdminInfo i join i.user u where u.status in :statuses "
                    + "and u.email like :prefix escape '!'")
    Page<AdminInfo> findPage(@Param("statuses") Collection<AdminStatus> statuses, @Param("prefix") String prefix,
            Pageable page);
}
