package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.adminprovisioning.provisioning.Journal.Claim;
import org.adminprovisioning.provisioning.EngineHarnessTest.HarnessClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionOperations;

/** The reconciler's own rules: backoff, giving up, leases and {@code SKIP LOCKED} between instances. */
@EngineHarnessTest
class ReconcilerTests {

    private static EngineHarness harness;

    @Autowired
    ApplicationContext context;

    @Autowired
    JournalEntries requests;

    @Autowired
    Journal journal;

    @Autowired
    TransactionOperations transactions;

    @Autowired
    HarnessClock clock;

    @BeforeEach
    void freshScenario() {
        if (harness == null) {
            harness = new EngineHarness(context, 11);
        }
        harness.faults.reset();
        harness.newPool();
        harness.settle(); // whatever other suites of this context left
    }

    @AfterAll
    static void closeHarness() {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@reconciler.example.com";
    }

    @Test
    void backoff_doublesPerAttempt_withEqualJitter_upToItsCap() {
        Reconciler reconciler = harness.reconciler;
        for (int failed = 1; failed <= 12; failed++) {
            long full = Math.min(Duration.ofSeconds(30).toMillis() << (failed - 1), Duration.ofHours(1).toMillis());
            for (int sample = 0; sample < 50; sample++) {
                long pause = reconciler.backoff(failed).toMillis();
                assertThat(pause).as("attempt %d", failed).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void aRequestThatKeepsFailing_isRetriedWithBackoff_thenFlaggedForAnAdmin_andNotRetriedAgain() {
        String email = unique("stubborn");
        harness.faults.arm(Step.WRITE_RECORDS, Fault.FAIL);
        for (int i = 0; i < 20; i++) {
            harness.faults.arm(Step.DELETE_USER, Fault.FAIL); // the compensation keeps failing
        }
        EngineHarness.Answer answer = harness.provision(email, null);
        assertThat(answer.kind()).as("503: nothing usable, the clean-up follows").isEqualTo(EngineHarness.Kind.NOTHING);
        UUID id = entryOf(email).getId();

        List<Duration> pauses = new ArrayList<>();
        for (int pass = 0; pass < 30; pass++) {
            clock.advance(Duration.ofHours(2));
            Instant now = clock.instant();
            harness.reconcileOnce();
            JournalEntry request = requests.findById(id).orElseThrow();
            if (request.getNextAttemptAt() != null) {
                pauses.add(Duration.between(now, request.getNextAttemptAt()));
            }
            if (request.getNeedsAttentionSince() != null) {
                break;
            }
        }

        JournalEntry flagged = requests.findById(id).orElseThrow();
        assertThat(flagged.getState()).isEqualTo(OperationState.COMPENSATING);
        assertThat(flagged.getNeedsAttentionSince()).isNotNull();
        assertThat(flagged.getAttempts()).isEqualTo(EngineHarness.PROPERTIES.reconciler().maxAttempts());
        assertThat(flagged.getLastError()).contains("gave up after 10 attempts").contains("DELETE_USER");
        assertThat(pauses).hasSize(EngineHarness.PROPERTIES.reconciler().maxAttempts() - 2);
        assertThat(pauses.get(0)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(pauses.get(pauses.size() - 1)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        assertThat(journal.stuck(clock.instant(), 100)).extracting(JournalEntry::getId).contains(id);

        clock.advance(Duration.ofDays(1));
        harness.reconcileOnce();
        assertThat(requests.findById(id).orElseThrow().getAttempts()).as("no more automatic attempts")
                .isEqualTo(EngineHarness.PROPERTIES.reconciler().maxAttempts());

        harness.faults.reset(); // Cognito is back; an admin asks for another try
        assertThat(harness.reconciler.retryNow(id, "an admin")).contains(ReconciliationRun.Result.ROLLED_BACK);
        assertThat(harness.violations(List.of(email), List.of(answer))).isEmpty();
    }

    @Test
    void aCreateThatLandsAfterTheReconcilerFailedTheRequest_isFoundOnTheSecondLook_andDeleted() {
        String email = unique("late");
        // The instance stalls inside AdminCreateUser past the stale threshold; meanwhile another
        // instance's reconciler finds no user and fails the request; then the create lands and
        // the stalled instance dies before it can journal anything.
        harness.faults.arm(Step.CREATE_USER, Fault.HANG);
        harness.faults.arm(Step.JOURNAL_COGNITO_DONE, Fault.CRASH_BEFORE);
        EngineHarness.Answer answer = harness.provision(email, null);
        JournalEntry failed = entryOf(email);
        assertThat(failed.getState()).isEqualTo(OperationState.VERIFYING);
        assertThat(harness.cognito.delegate().findUser(email)).as("the late user").isPresent();

        harness.settle();

        assertThat(requests.findById(failed.getId()).orElseThrow().getState()).isEqualTo(OperationState.ROLLED_BACK);
        assertThat(harness.violations(List.of(email), List.of(answer))).isEmpty();
    }

    @Test
    void aStartedRequestYoungerThanTheStaleThreshold_isLeftToItsSaga() {
        String email = unique("young");
        JournalEntry request = start(email);

        clock.advance(EngineHarness.STALE_AFTER.minusSeconds(1));
        harness.reconcileOnce();
        assertThat(requests.findById(request.getId()).orElseThrow().getState()).isEqualTo(OperationState.STARTED);

        clock.advance(Duration.ofSeconds(2));
        harness.reconcileOnce();
        assertThat(requests.findById(request.getId()).orElseThrow().getState()).as("failed, looked at once more later")
                .isEqualTo(OperationState.VERIFYING);
    }

    @Test
    void twoInstancesClaimingAtOnce_neverTakeTheSameRequest_andALeasedRequestWaitsForItsLease() throws Exception {
        Set<UUID> stale = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            stale.add(start(unique("claim" + i)).getId());
        }
        clock.advance(EngineHarness.STALE_AFTER.plusSeconds(1));

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<Claim>> claim = () -> {
                start.await();
                List<Claim> mine = new ArrayList<>();
                for (int batch = 0; batch < 10; batch++) {
                    mine.addAll(journal.claimDue(4, EngineHarness.STALE_AFTER, EngineHarness.STALE_AFTER));
                }
                return mine;
            };
            Future<List<Claim>> first = instances.submit(claim);
            Future<List<Claim>> second = instances.submit(claim);
            start.countDown();
            Set<UUID> firstIds = ids(first.get());
            Set<UUID> secondIds = ids(second.get());

            // One instance may claim everything before the other starts: an empty side is fine.
            assertThat(Collections.disjoint(firstIds, secondIds))
                    .as("claimed by both: %s and %s", firstIds, secondIds).isTrue();
            Set<UUID> claimed = new HashSet<>(firstIds);
            claimed.addAll(secondIds);
            assertThat(claimed).containsAll(stale);
            assertThat(journal.claimDue(100, EngineHarness.STALE_AFTER, EngineHarness.STALE_AFTER))
                    .as("every request is leased").extracting(Claim::id).doesNotContainAnyElementsOf(stale);
            clock.advance(EngineHarness.STALE_AFTER.plusSeconds(1));
            assertThat(ids(journal.claimDue(100, EngineHarness.STALE_AFTER, EngineHarness.STALE_AFTER)))
                    .as("leases over").containsAll(stale);
        } finally {
            instances.shutdownNow();
            harness.settle();
        }
    }

    private JournalEntry start(String email) {
        return transactions.execute(tx -> journal.begin(Operation.PROVISION, new JournalEntry.Subject(email, null, null),
                new JournalEntry.Request(null, null, "hash"), true));
    }

    private JournalEntry entryOf(String email) {
        return requests.findAll().stream().filter(entry -> entry.getEmail().equals(email)).findFirst().orElseThrow();
    }

    private static Set<UUID> ids(List<Claim> claims) {
        Set<UUID> ids = new HashSet<>();
        claims.forEach(claim -> assertThat(ids.add(claim.id())).as("claimed twice by one instance").isTrue());
        return ids;
    }
}
