package org.adminprovisioning.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** The provisioning journal. */
public interface ProvisioningRequests extends JpaRepository<ProvisioningRequest, UUID> {

    Optional<ProvisioningRequest> findByIdempotencyKey(String idempotencyKey);

    List<ProvisioningRequest> findByEmailOrderByCreatedAtAsc(String email);
}
