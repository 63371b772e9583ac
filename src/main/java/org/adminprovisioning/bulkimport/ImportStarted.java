package org.adminprovisioning.bulkimport;

import java.util.UUID;

/** The answer to {@code POST /admins/import}: the import runs in the background; follow it at its id. */
public record ImportStarted(UUID importId, int total) {
}
