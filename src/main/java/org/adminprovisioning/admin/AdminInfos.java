package org.adminprovisioning.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

/** Admin records, each fetched with its user and inviter because every reader needs them. */
public interface AdminInfos extends JpaRepository<AdminInfo, UUID> {

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    Optional<AdminInfo> findByUserId(UUID userId);

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    Optional<AdminInfo> findByUserEmail(String email);

    @EntityGraph(attributePaths = {"user", "invitedBy"})
    List<AdminInfo> findAllByOrderByInvitedAtAsc();
}
