package org.adminprovisioning.scim;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code externalId} each connector keeps for an admin ({@code scim_external_ids}): the
 * identity provider's own identifier for the person, which it may search by. The admin's own
 * records stay behind {@link org.adminprovisioning.admin.AdminRecords}.
 */
@Repository
public class ExternalIds {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ExternalIds(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> of(String connector, UUID adminId) {
        return jdbc.queryForList("SELECT external_id FROM scim_external_ids WHERE connector = ? AND user_id = ?",
                String.class, connector, adminId).stream().findFirst();
    }

    Map<UUID, String> of(String connector, Collection<UUID> adminIds) {
        Map<UUID, String> found = new HashMap<>();
        if (adminIds.isEmpty()) {
            return found;
        }
        String marks = String.join(",", java.util.Collections.nCopies(adminIds.size(), "?"));
        Object[] args = new Object[adminIds.size() + 1];
        args[0] = connector;
        System.arraycopy(adminIds.toArray(), 0, args, 1, adminIds.size());
        jdbc.query("SELECT user_id, external_id FROM scim_external_ids WHERE connector = ? AND user_id IN (" + marks
                + ")", rs -> {
                    found.put(rs.getObject("user_id", UUID.class), rs.getString("external_id"));
                }, args);
        return found;
    }

    /** The admins this connector gave the externalId, newest mapping first. */
    List<UUID> adminsWith(String connector, String externalId) {
        return jdbc.queryForList("SELECT user_id FROM scim_external_ids WHERE connector = ? AND external_id = ? "
                + "ORDER BY updated_at DESC", UUID.class, connector, externalId);
    }

    void put(String connector, UUID adminId, String externalId) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (jdbc.update("UPDATE scim_external_ids SET external_id = ?, updated_at = ? WHERE connector = ? "
                    + "AND user_id = ?", externalId, now, connector, adminId) == 1) {
                return;
            }
            try {
                jdbc.update("INSERT INTO scim_external_ids (connector, user_id, external_id, updated_at) "
                        + "VALUES (?, ?, ?, ?)", connector, adminId, externalId, now);
                return;
            } catch (DuplicateKeyException raced) {
                // Another request inserted it just now: update it.
            }
        }
    }

    void remove(String connector, UUID adminId) {
        jdbc.update("DELETE FROM scim_external_ids WHERE connector = ? AND user_id = ?", connector, adminId);
    }
}
