package org.adminprovisioning.scim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * {@code GET /Users?filter=&startIndex=&count=} over the live admins (offboarded ones do not exist
 * for SCIM): an identifying condition ({@code userName}, {@code id}, {@code externalId}) looks the few
 * candidates up directly; {@code active} alone, or no filter, pages through {@link AdminRecords#page}
 * by creation time. {@code startIndex} is 1-based (RFC 7644 §3.4.2.4); {@code count} defaults to 100
 * and is capped at 200, the service's page limit.
 */
final class ScimUserSearch {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 200;
    private static final Set<AdminStatus> LIVE = EnumSet.of(AdminStatus.INVITED, AdminStatus.ACTIVE, AdminStatus.DISABLED);
    private static final Sort OLDEST_FIRST = Sort.by("user.createdAt").and(Sort.by("user.id"));

    private final AdminRecords records;
    private final ExternalIds externalIds;

    ScimUserSearch(AdminRecords records, ExternalIds externalIds) {
        this.records = records;
        this.externalIds = externalIds;
    }

    ScimListResponse<ScimUser> search(String connector, ScimFilter filter, Integer startIndex, Integer count) {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
        Optional<List<AdminAccount>> candidates = candidates(connector, filter);
        if (candidates.isPresent()) {
            List<AdminAccount> matching = candidates.get().stream().filter(a -> matches(connector, filter, a)).toList();
            List<AdminAccount> window = matching.stream().skip(start - 1L).limit(size).toList();
            return new ScimListResponse<>(matching.size(), start, resources(connector, window));
        }
        Set<AdminStatus> statuses = statuses(filter);
        if (statuses.isEmpty()) {
            return new ScimListResponse<>(0, start, List.of()); // active eq true and active eq false
        }
        Page<AdminAccount> page = records.page(statuses, "", new Offset(start - 1L, Math.max(size, 1)));
        List<AdminAccount> window = size == 0 ? List.of() : page.getContent();
        return new ScimListResponse<>(page.getTotalElements(), start, resources(connector, window));
    }

    /** The few admins an identifying condition names, or empty when only {@code active} (or nothing) filters. */
    private Optional<List<AdminAccount>> candidates(String connector, ScimFilter filter) {
        for (ScimFilter.Condition condition : filter.conditions()) {
            String value = condition.value() instanceof String text ? text : null;
            switch (condition.attribute()) {
                case USER_NAME:
                    return Optional.of(records.findByEmail(value.trim().toLowerCase(Locale.ROOT)).stream().toList());
                case ID:
                    return Optional.of(ScimUsers.parse(value).flatMap(records::findById).filter(this::live).stream()
                            .toList());
                case EXTERNAL_ID:
                    return Optional.of(externalIds.adminsWith(connector, value).stream().map(records::findById)
                            .flatMap(Optional::stream).filter(this::live).toList());
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    private boolean matches(String connector, ScimFilter filter, AdminAccount admin) {
        for (ScimFilter.Condition condition : filter.conditions()) {
            Object wanted = condition.value();
            boolean holds = switch (condition.attribute()) {
                case USER_NAME -> ((String) wanted).trim().equalsIgnoreCase(admin.email());
                case ID -> admin.id().toString().equalsIgnoreCase((String) wanted);
                // externalId is caseExact (RFC 7643 §3.1).
                case EXTERNAL_ID -> wanted.equals(externalIds.of(connector, admin.id()).orElse(null));
                case ACTIVE -> wanted.equals(admin.status() != AdminStatus.DISABLED);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static Set<AdminStatus> statuses(ScimFilter filter) {
        Set<AdminStatus> statuses = EnumSet.copyOf(LIVE);
        for (ScimFilter.Condition condition : filter.conditions()) {
            if (condition.attribute() == ScimFilter.Attribute.ACTIVE) {
                statuses.retainAll(Boolean.TRUE.equals(condition.value())
                        ? EnumSet.of(AdminStatus.INVITED, AdminStatus.ACTIVE) : EnumSet.of(AdminStatus.DISABLED));
            }
        }
        return statuses;
    }

    private boolean live(AdminAccount admin) {
        return admin.status() != AdminStatus.OFFBOARDED;
    }

    private List<ScimUser> resources(String connector, List<AdminAccount> admins) {
        Map<UUID, String> ids = externalIds.of(connector, admins.stream().map(AdminAccount::id).toList());
        List<ScimUser> users = new ArrayList<>(admins.size());
        Map<UUID, AdminAccount> unique = new LinkedHashMap<>();
        admins.forEach(admin -> unique.putIfAbsent(admin.id(), admin));
        unique.values().forEach(admin -> users.add(ScimUser.of(admin, ids.get(admin.id()))));
        return users;
    }

    /** A page that starts at any offset: SCIM's startIndex need not fall on a page boundary. */
    private record Offset(long offset, int size) implements Pageable {

        @Override
        public int getPageNumber() {
            return (int) (offset / size);
        }

        @Override
        public int getPageSize() {
            return size;
        }

        @Override
        public long getOffset() {
            return offset;
        }

        @Override
        public Sort getSort() {
            return OLDEST_FIRST;
        }

        @Override
        public Pageable next() {
            return new Offset(offset + size, size);
        }

        @Override
        public Pageable previousOrFirst() {
            return new Offset(Math.max(0, offset - size), size);
        }

        @Override
        public Pageable first() {
            return new Offset(0, size);
        }

        @Override
        public Pageable withPage(int pageNumber) {
            return new Offset((long) pageNumber * size, size);
        }

        @Override
        public boolean hasPrevious() {
            return offset > 0;
        }
    }
}
