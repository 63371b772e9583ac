package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journal on the real schema: one unfinished operation per admin (the database stops a second),
 * idempotency keys scoped to their admin and expiring, transitions through the state table, and
 * ended operations freeing the admin.
 */
@DataJpaTest
@Import(PersistenceSliceConfiguration.class)
class JournalTests {

    private static final String EMAIL = "new.admin@example.com";
    private UUID ann;
    private UUID bob;

    @Autowired
    private Journal journal;

    @Autowired
    private JournalEntries entries;

    @Autowired
    private MutableClock clock;

    @Autowired
    private AdminRecords records;

    /** Keys belong to admins, and the journal points at them. */
    @BeforeEach
    void twoAdmins() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ann = records.createActiveAdminRecords("ann-" + tag + "@example.com", "u-ann-" + tag, null).id();
        bob = records.createActiveAdminRecords("bob-" + tag + "@example.com", "u-bob-" + tag, null).id();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JournalEntry begin(Operation operation, String email, UUID requestedBy, String key) {
        return journal.begin(operation, new JournalEntry.Subject(email, null, null),
                new JournalEntry.Request(requestedBy, key, "hash"), true);
    }

    /** Each step commits on its own in the engine; inside this test's one transaction updates are flushed by hand. */
    private JournalEntry stored(JournalEntry entry) {
        entries.flush();
        return entries.findById(entry.getId()).orElseThrow();
    }

    @Test
    void begin_journalsAStartedOperationHoldingItsAdmin() {
        JournalEntry entry = begin(Operation.PROVISION, EMAIL, ann, "key-1");

        assertThat(stored(entry).getState()).isEqualTo(OperationState.STARTED);
        assertThat(stored(entry).getActiveEmail()).isEqualTo(EMAIL);
        assertThat(stored(entry).getAttempts()).isEqualTo(1);
        assertThat(journal.byIdempotencyKey(ann, "key-1", Duration.ofHours(24))).get()
                .extracting(JournalEntry::getId).isEqualTo(entry.getId());
    }

    @Test
    void begin_isStoppedByTheDatabase_whileAnotherOperationHoldsTheSameAdmin() {
        begin(Operation.PROVISION, EMAIL, ann, null);

        assertThatThrownBy(() -> begin(Operation.OFFBOARD, EMAIL, bob, null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void idempotencyKeys_belongToTheAdminWhoSentThem() {
        begin(Operation.PROVISION, EMAIL, ann, "key-1");

        JournalEntry bobs = begin(Operation.PROVISION, "other@example.com", bob, "key-1");

        assertThat(journal.byIdempotencyKey(bob, "key-1", Duration.ofHours(24))).get()
                .extracting(JournalEntry::getId).isEqualTo(bobs.getId());
        assertThatThrownBy(() -> begin(Operation.PROVISION, "third@example.com", ann, "key-1"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anExpiredKey_isForgotten_soTheSameKeyStartsANewRequest() {
        JournalEntry old = begin(Operation.PROVISION, EMAIL, ann, "key-1");
        journal.complete(old.getId(), "{}", null);
        clock.advance(Duration.ofHours(25));

        assertThat(journal.byIdempotencyKey(ann, "key-1", Duration.ofHours(24))).isEmpty();
        assertThat(stored(old).getIdempotencyKey()).isNull();
        begin(Operation.PROVISION, "other@example.com", ann, "key-1");
    }

    @Test
    void endedOperations_freeTheAdminForTheNextOne() {
        JournalEntry failed = begin(Operation.PROVISION, EMAIL, ann, null);
        journal.fail(failed.getId(), FailureReason.COGNITO_UNAVAILABLE, "timed out");
        entries.flush();
        JournalEntry rolledBack = begin(Operation.PROVISION, EMAIL, ann, null);
        journal.cognitoDone(rolledBack.getId(), "u-2");
        journal.compensating(rolledBack.getId(), "db down");
        assertThat(stored(rolledBack).getActiveEmail()).isEqualTo(EMAIL);
        journal.rolledBack(rolledBack.getId(), FailureReason.ROLLED_BACK);
        entries.flush();

        JournalEntry third = begin(Operation.PROVISION, EMAIL, ann, null);

        assertThat(stored(failed).getActiveEmail()).isNull();
        assertThat(stored(failed).getFailureReason()).isEqualTo(FailureReason.COGNITO_UNAVAILABLE);
        assertThat(stored(failed).getLastError()).isEqualTo("timed out");
        assertThat(stored(rolledBack).getCognitoUsername()).isEqualTo("u-2");
        assertThat(stored(rolledBack).getState()).isEqualTo(OperationState.ROLLED_BACK);
        assertThat(stored(third).getActiveEmail()).isEqualTo(EMAIL);
    }

    @Test
    void complete_keepsTheAnswer_andFreesTheAdmin() {
        JournalEntry entry = begin(Operation.PROVISION, EMAIL, ann, "key-1");
        journal.cognitoDone(entry.getId(), "u-2");
        journal.handOver(entry.getId(), "x".repeat(5_000));
        assertThat(stored(entry).getLastError()).hasSize(1000);

        UUID admin = UUID.randomUUID();
        journal.complete(entry.getId(), "{\"id\":\"1\"}", admin);

        assertThat(stored(entry).getState()).isEqualTo(OperationState.COMPLETED);
        assertThat(stored(entry).getResponseBody()).isEqualTo("{\"id\":\"1\"}");
        assertThat(stored(entry).getAdminId()).isEqualTo(admin);
        assertThat(stored(entry).getActiveEmail()).isNull();
        assertThat(stored(entry).getLastError()).isNull();
    }

    @Test
    void aTransitionTheTableDoesNotHave_isRefused_withTheStateItFound() {
        JournalEntry entry = begin(Operation.PROVISION, EMAIL, ann, null);
        journal.complete(entry.getId(), "{}", null);

        assertThatThrownBy(() -> journal.compensating(entry.getId(), "late"))
                .isInstanceOfSatisfying(TakenOver.class, taken -> assertThat(taken.state())
                        .isEqualTo(OperationState.COMPLETED));
    }

    @Test
    void resendsSince_countsSlotsTakenOrUsed_butNotFailedOnes() {
        JournalEntry pending = journal.begin(Operation.RESEND, new JournalEntry.Subject(EMAIL, null, "u-1"),
                new JournalEntry.Request(ann, null, "h"), false);
        JournalEntry failed = journal.begin(Operation.RESEND, new JournalEntry.Subject(EMAIL, null, "u-1"),
                new JournalEntry.Request(ann, null, "h"), false);
        journal.fail(failed.getId(), FailureReason.COGNITO_UNAVAILABLE, "throttled");
        entries.flush();

        assertThat(journal.resendsSince(EMAIL, clock.instant().minusSeconds(60))).isEqualTo(1);
        assertThat(stored(pending).getActiveEmail()).as("resends do not hold the admin").isNull();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void lockInState_refusesToRunOutsideTheTransactionThatWritesOurPart() {
        assertThatThrownBy(() -> journal.lockInState(UUID.randomUUID(), OperationState.COGNITO_DONE))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
