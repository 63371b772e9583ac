package org.adminprovisioning.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminRecords.RecordedAdmin;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.drift.DriftReport.GhostCognitoUser;
import org.adminprovisioning.drift.DriftReport.OrphanRecord;
import org.adminprovisioning.drift.DriftReport.StuckRequest;
import org.adminprovisioning.provisioning.UnfinishedRequests;
import org.adminprovisioning.provisioning.UnfinishedRequests.UnfinishedRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The drift report: drift that no unfinished operation explains is reported, never repaired
 * silently. It pages once through Cognito's admin group ({@code ListUsersInGroup}: ⌈n/60⌉ calls),
 * comparing each page with our records (the next page already on its way), then — unless every live
 * record was matched by the listing — through our live records in keyset pages; only a
 * record whose user the group listing did not show costs one more Cognito call ({@code AdminGetUser}),
 * to tell a missing user from one outside the group, and those are bounded. Its memory is one page
 * of each side, the bounded lists, and 8 bytes per group member ({@link GroupMembers}).
 */
@Service
public class DriftReports {

    /** Entries per list at most; the scan stops there and says so ({@code truncated}). */
    static final int REPORT_LIMIT = 100;
    /** {@code AdminGetUser} calls at most, for records the group listing did not show. */
    static final int LOOKUP_LIMIT = 2 * REPORT_LIMIT;
    private static final int RECORD_PAGE = 200;

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final UnfinishedRequests unfinished;
    private final Clock clock;
    private final DriftMetrics metrics;

    DriftReports(CognitoGateway cognito, AdminRecords records, UnfinishedRequests unfinished, Clock clock,
            DriftMetrics metrics) {
        this.metrics = metrics;
        this.cognito = cognito;
        this.records = records;
        this.unfinished = unfinished;
        this.clock = clock;
    }

    /**
     * Compares both systems and lists what disagrees. Changes nothing.
     *
     * @throws org.adminprovisioning.cognito.CognitoUnavailableException Cognito could not be reached
     */
    @PreAuthorize("hasRole('ADMIN')")
    public DriftReport report() {
        Instant now = clock.instant();
        Scan scan = new Scan();
        String token = readGroup(scan);
        if (token != null) {
            // Both lists are full: the rest of the group is unread, so no record can be judged absent from it.
            scan.truncated = true;
        } else if (scan.recordsMatched != records.countLive()) {
            // Some live record's user was not in the listing (or records changed meanwhile): find which.
            scan.members.seal();
            compareRecordsOutsideTheGroup(scan);
        }
        List<StuckRequest> stuck = unfinished.stuck(REPORT_LIMIT + 1).stream().map(StuckRequest::of).toList();
        if (stuck.size() > REPORT_LIMIT) {
            stuck = stuck.subList(0, REPORT_LIMIT);
            scan.truncated = true;
        }
        DriftReport report = new DriftReport(scan.ghosts, scan.orphans, stuck, scan.truncated, now);
        metrics.reported(report);
        return report;
    }

    /**
     * Pages through the admin group once, comparing each page with our records while the next page is
     * on its way (one request ahead, never more: Cognito's UserList quota is shared), so that the
     * comparison hides behind Cognito's latency.
     *
     * @return the next page's token when the scan stopped early, {@code null} when it read the whole group
     */
    private String readGroup(Scan scan) {
        ExecutorService prefetch = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drift-report-listing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CognitoUserPage page = cognito.listAdminGroupUsers(null);
            while (true) {
                String token = page.nextToken();
                Future<CognitoUserPage> next = token == null ? null
                        : prefetch.submit(() -> cognito.listAdminGroupUsers(token));
                compareGroupPage(page.users(), scan);
                if (next == null || scan.full()) {
                    if (next != null) {
                        next.cancel(true);
                    }
                    return token;
                }
                page = await(next);
            }
        } finally {
            prefetch.shutdownNow();
        }
    }

    private static CognitoUserPage await(Future<CognitoUserPage> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // e.g. CognitoUnavailableException, answered as such
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the admin group", e);
        }
    }

    /**
     * Our live records, in keyset pages, against the group's members: a record whose user the listing
     * did not show costs one {@code AdminGetUser}, to tell a missing user from one outside the group.
     * Such records are drift or about to be, so their look-ups are bounded too ({@link #LOOKUP_LIMIT}).
     */
    private void compareRecordsOutsideTheGroup(Scan scan) {
        UUID after = null;
        List<RecordedAdmin> page;
        do {
            page = records.scanLive(after, RECORD_PAGE);
            for (RecordedAdmin record : page) {
                if (scan.full()) {
                    return;
                }
                if (scan.members.contains(record.cognitoUsername())) {
                    continue;
                }
                if (scan.lookups == LOOKUP_LIMIT) {
                    scan.truncated = true;
                    return;
                }
                scan.lookups++;
                RecordDrift.of(record, cognito.findUser(record.cognitoUsername()), false)
                        .filter(drift -> unexplained(record))
                        .ifPresent(drift -> scan.orphan(record, drift));
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == RECORD_PAGE);
    }

    /** One page of the admin group against our records: ghosts, and members whose record disagrees. */
    private void compareGroupPage(List<CognitoUser> members, Scan scan) {
        if (members.isEmpty()) {
            return;
        }
        Map<String, RecordedAdmin> recorded = records.recordedByCognitoUsernames(members.stream()
                .map(CognitoUser::username).toList()).stream()
                .collect(Collectors.toMap(RecordedAdmin::cognitoUsername, Function.identity()));
        scan.recordsMatched += recorded.size();
        List<CognitoUser> unrecorded = members.stream().filter(user -> !recorded.containsKey(user.username())).toList();
        List<UnfinishedRequest> explaining = unrecorded.isEmpty() ? List.of() : unfinished.accountingFor(
                unrecorded.stream().map(CognitoUser::email).filter(email -> email != null).toList(),
                unrecorded.stream().map(CognitoUser::username).toList());
        for (CognitoUser member : members) {
            scan.members.add(member.username());
            RecordedAdmin record = recorded.get(member.username());
            if (record == null) {
                if (explaining.stream().noneMatch(operation -> unfinished.explains(operation, member))) {
                    scan.ghost(member);
                }
            } else {
                RecordDrift.of(record, Optional.of(member), true).filter(drift -> unexplained(record))
                        .ifPresent(drift -> scan.orphan(record, drift));
            }
        }
    }

    /** A record an unfinished operation is changing may disagree for a while: that is no drift. */
    private boolean unexplained(RecordedAdmin record) {
        return unfinished.accountingFor(List.of(record.email()), List.of(record.cognitoUsername())).isEmpty();
    }

    /** What one report found so far; bounded by {@link #REPORT_LIMIT} per list. */
    private static final class Scan {

        // The admin group's usernames, so that our side is checked without a call per record.
        final GroupMembers members = new GroupMembers();
        final List<GhostCognitoUser> ghosts = new ArrayList<>();
        final List<OrphanRecord> orphans = new ArrayList<>();
        boolean truncated;
        int lookups;
        // Live records the listing matched: when it equals their count, no record is outside the group.
        long recordsMatched;

        void ghost(CognitoUser user) {
            if (ghosts.size() == REPORT_LIMIT) {
                truncated = true;
                return;
            }
            ghosts.add(new GhostCognitoUser(user.username(), user.email(), user.status(), user.enabled(),
                    user.createdAt()));
        }

        void orphan(RecordedAdmin record, RecordDrift drift) {
            if (orphans.size() == REPORT_LIMIT) {
                truncated = true;
                return;
            }
            orphans.add(new OrphanRecord(record.id(), record.email(), record.cognitoUsername(), record.status(),
                    drift.code()));
        }

        boolean full() {
            return ghosts.size() >= REPORT_LIMIT && orphans.size() >= REPORT_LIMIT;
        }
    }
}
