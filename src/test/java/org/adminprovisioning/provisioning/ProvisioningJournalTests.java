package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.EmailAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The journal on the real schema: twins stopped by the database, states moved, final states free the email. */
@DataJpaTest
@Import(PersistenceSliceConfiguration.class)
class ProvisioningJournalTests {

    private static final String HASH = AdminProvisioningService.sha256("new.admin@example.com");

    @Autowired
    private ProvisioningJournal journal;

    @Autowired
    private ProvisioningRequests requests;

    @Autowired
    private AdminRecords records;

    private ProvisioningRequest start(String email, String key) {
        return journal.start(EmailAddress.of(email), null, key, HASH);
    }

    @Test
    void start_journalsAStartedRequestHoldingTheActiveEmail() {
        ProvisioningRequest request = start("new.admin@example.com", "key-1");

        ProvisioningRequest stored = requests.findById(request.getId()).orElseThrow();
        assertThat(stored.getState()).isEqualTo(ProvisioningState.STARTED);
        assertThat(stored.getActiveEmail()).isEqualTo("new.admin@example.com");
        assertThat(stored.getAttempts()).isEqualTo(1);
        assertThat(journal.findByIdempotencyKey("key-1")).get().extracting(ProvisioningRequest::getId)
                .isEqualTo(request.getId());
    }

    @Test
    void start_refusesAnEmailThatAlreadyHasAUser() {
        records.createActiveAdminRecords("admin@example.com", "u-1", null);

        assertThatThrownBy(() -> start("admin@example.com", null)).isInstanceOf(AdminAlreadyExistsException.class);
        assertThat(requests.count()).isZero();
    }

    @Test
    void start_isStoppedByTheDatabase_whenATwinForTheSameEmailIsUnfinished() {
        start("new.admin@example.com", null);

        assertThatThrownBy(() -> start("new.admin@example.com", null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void start_isStoppedByTheDatabase_whenTheIdempotencyKeyWasUsed() {
        start("new.admin@example.com", "key-1");

        assertThatThrownBy(() -> start("other@example.com", "key-1"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * Each journal step commits on its own in the saga; inside this test's one transaction the
     * updates are flushed by hand, because Hibernate would otherwise run the next insert first.
     */
    @Test
    void finalStates_freeTheEmailForALaterRequest() {
        ProvisioningRequest failed = start("new.admin@example.com", null);
        journal.markFailed(failed.getId(), "cognito-unavailable", "timed out");
        requests.flush();
        ProvisioningRequest rolledBack = start("new.admin@example.com", null);
        journal.markCognitoCreated(rolledBack.getId(), "u-2");
        journal.markCompensating(rolledBack.getId(), "db down");
        assertThat(requests.findById(rolledBack.getId()).orElseThrow().getActiveEmail())
                .isEqualTo("new.admin@example.com");
        journal.markRolledBack(rolledBack.getId(), "provisioning-rolled-back");
        requests.flush();

        ProvisioningRequest third = start("new.admin@example.com", null);

        assertThat(requests.findByEmailOrderByCreatedAtAsc("new.admin@example.com"))
                .extracting(ProvisioningRequest::getState)
                .containsExactly(ProvisioningState.FAILED, ProvisioningState.ROLLED_BACK, ProvisioningState.STARTED);
        ProvisioningRequest first = requests.findById(failed.getId()).orElseThrow();
        assertThat(first.getActiveEmail()).isNull();
        assertThat(first.getFailureType()).isEqualTo("cognito-unavailable");
        assertThat(first.getLastError()).isEqualTo("timed out");
        assertThat(requests.findById(rolledBack.getId()).orElseThrow().getCognitoUsername()).isEqualTo("u-2");
        assertThat(third.getActiveEmail()).isEqualTo("new.admin@example.com");
    }

    @Test
    void markCompleted_keepsTheResponseBody_andFreesTheEmail() {
        ProvisioningRequest request = start("new.admin@example.com", "key-1");
        journal.markCognitoCreated(request.getId(), "u-2");
        journal.recordError(request.getId(), "x".repeat(5_000));

        journal.markCompleted(request.getId(), "{\"id\":\"1\"}");

        ProvisioningRequest stored = requests.findById(request.getId()).orElseThrow();
        assertThat(stored.getState()).isEqualTo(ProvisioningState.COMPLETED);
        assertThat(stored.getResponseBody()).isEqualTo("{\"id\":\"1\"}");
        assertThat(stored.getActiveEmail()).isNull();
        assertThat(stored.getLastError()).isNull();
    }

    @Test
    void recordError_truncatesLongErrorsToTheColumn() {
        ProvisioningRequest request = start("new.admin@example.com", null);

        journal.recordError(request.getId(), "x".repeat(5_000));
        requests.flush();

        assertThat(requests.findById(request.getId()).orElseThrow().getLastError()).hasSize(1000);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void markCompleted_refusesToRunOutsideTheTransactionThatWritesTheRecords() {
        assertThatThrownBy(() -> journal.markCompleted(UUID.randomUUID(), "{}"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
