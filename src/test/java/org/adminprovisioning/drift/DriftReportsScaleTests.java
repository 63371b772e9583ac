package org.adminprovisioning.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.nullable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminRecords.RecordedAdmin;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.inmemory.InMemoryOutbox;
import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.provisioning.UnfinishedRequests;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drift report at scale: one pass through the admin group ({@code ListUsersInGroup}, 60 a page),
 * our records in keyset pages, and a Cognito call for a record only when the listing did not show its
 * user — counted by a decorator of the gateway, over the in-memory pool with 1,000 admins.
 */
class DriftReportsScaleTests {

    private static final int ADMINS = 1_000;
    private static final CognitoProperties settings = TestProperties.defaults("cognito", CognitoProperties.class);
    private static final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(settings.issuerUri(),
            settings.clientId(), Clock.systemUTC());

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Our records, by id: what the mocked {@link AdminRecords} pages through and looks up. */
    private final TreeMap<UUID, RecordedAdmin> recorded = new TreeMap<>(Comparator.naturalOrder());
    private final AtomicInteger recordPages = new AtomicInteger();
    private InMemoryUserPool pool;
    private DriftReports reports;

    @BeforeEach
    void aPoolOfAThousandAdmins_allRecorded() {
        pool = new InMemoryUserPool(settings, PasswordPolicy.cognitoDefault(), tokens, new InMemoryOutbox(),
                Clock.systemUTC());
        for (int i = 0; i < ADMINS; i++) {
            String email = "admin" + i + "@scale.example.com";
            record(email, pool.createConfirmedAdmin(email, "Scale-Passw0rd!" + i), AdminStatus.ACTIVE);
        }
        AdminRecords records = mock(AdminRecords.class);
        when(records.recordedByCognitoUsernames(anyCollection())).thenAnswer(call -> {
            Collection<String> usernames = call.getArgument(0);
            return recorded.values().stream().filter(r -> usernames.contains(r.cognitoUsername())).toList();
        });
        when(records.scanLive(nullable(UUID.class), anyInt())).thenAnswer(call -> {
            recordPages.incrementAndGet();
            UUID after = call.getArgument(0);
            int size = call.getArgument(1);
            return (after == null ? recorded : recorded.tailMap(after, false)).values().stream()
                    .filter(r -> r.status() != AdminStatus.OFFBOARDED).limit(size).toList();
        });
        when(records.countLive()).thenAnswer(call -> recorded.values().stream()
                .filter(r -> r.status() != AdminStatus.OFFBOARDED).count());
        UnfinishedRequests unfinished = mock(UnfinishedRequests.class);
        when(unfinished.accountingFor(anyCollection(), anyCollection())).thenReturn(List.of());
        when(unfinished.stuck(anyInt())).thenReturn(List.of());
        reports = new DriftReports(counting(new AwsCognitoGateway(pool, settings)), records, unfinished,
                Clock.systemUTC(), new DriftMetrics());
    }

    private void record(String email, String username, AdminStatus status) {
        UUID id = UUID.randomUUID();
        recorded.put(id, new RecordedAdmin(id, email, username, status, true));
    }

    private CognitoGateway counting(CognitoGateway gateway) {
        return (CognitoGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CognitoGateway.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int calls(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    private int allCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void aThousandAgreeingAdmins_costOneListingOfTheGroup_andNoCallPerAdmin() {
        DriftReport report = reports.report();

        assertThat(report.ghostCognitoUsers()).isEmpty();
        assertThat(report.orphanRecords()).isEmpty();
        assertThat(report.truncated()).isFalse();
        assertThat(calls("listAdminGroupUsers")).isEqualTo((ADMINS + 59) / 60);
        assertThat(allCalls()).isEqualTo(calls("listAdminGroupUsers"));
        // The listing matched every live record: our side needs no second walk.
        assertThat(recordPages.get()).isZero();
    }

    @Test
    void offboardedRecords_costNoCognitoCall() {
        for (int i = 0; i < 500; i++) {
            record("gone" + i + "@scale.example.com", "deleted-" + UUID.randomUUID(), AdminStatus.OFFBOARDED);
        }

        DriftReport report = reports.report();

        assertThat(report.orphanRecords()).isEmpty();
        assertThat(allCalls()).isEqualTo((ADMINS + 59) / 60);
    }

    @Test
    void recordsOutsideTheGroup_costOneLookUpEach_andAreReported() {
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "orphan" + i + "@scale.example.com";
            record(email, "deleted-" + UUID.randomUUID(), AdminStatus.ACTIVE);
            orphans.add(email);
        }
        String ghost = pool.createConfirmedAdmin("ghost@scale.example.com", "Ghost-Passw0rd!");

        DriftReport report = reports.report();

        assertThat(report.orphanRecords()).extracting(DriftReport.OrphanRecord::email)
                .containsExactlyInAnyOrderElementsOf(orphans)
                .allSatisfy(email -> assertThat(email).startsWith("orphan"));
        assertThat(report.orphanRecords()).extracting(DriftReport.OrphanRecord::reason)
                .containsOnly("cognito-user-missing");
        assertThat(report.ghostCognitoUsers()).extracting(DriftReport.GhostCognitoUser::username)
                .containsExactly(ghost);
        assertThat(calls("listAdminGroupUsers")).isEqualTo((ADMINS + 1 + 59) / 60);
        assertThat(calls("findUser")).isEqualTo(5);
        assertThat(recordPages.get()).isEqualTo((ADMINS + 5) / 200 + 1);
    }

    @Test
    void aPoolFullOfDrift_boundsTheReport_andItsLookUps_andSaysItIsTruncated() {
        for (int i = 0; i < 1_000; i++) {
            record("orphan" + i + "@scale.example.com", "deleted-" + UUID.randomUUID(), AdminStatus.DISABLED);
        }

        DriftReport report = reports.report();

        // A DISABLED record whose Cognito user is gone is no drift, yet each costs a look-up: bounded.
        assertThat(report.truncated()).isTrue();
        assertThat(calls("findUser")).isEqualTo(DriftReports.LOOKUP_LIMIT);
        assertThat(allCalls()).isLessThanOrEqualTo((ADMINS + 59) / 60 + DriftReports.LOOKUP_LIMIT);
    }

    @Test
    void groupMembers_areKnownByTheirHashes() {
        GroupMembers members = new GroupMembers();
        for (int i = 0; i < 5_000; i++) {
            members.add("user-" + i);
        }
        members.seal();

        assertThat(members.size()).isEqualTo(5_000);
        assertThat(members.contains("user-0")).isTrue();
        assertThat(members.contains("user-4999")).isTrue();
        assertThat(members.contains("user-5000")).isFalse();
        assertThat(members.contains(UUID.randomUUID().toString())).isFalse();
    }

}
