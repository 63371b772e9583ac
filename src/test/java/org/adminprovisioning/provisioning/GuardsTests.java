package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.bootstrap.BootstrapProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The guards every change that takes access away obeys, whoever asks (an admin, or the service on an
 * identity provider's behalf): never the last ACTIVE admin, even when two admins remove each other
 * at the same moment.
 */
@EngineHarnessTest
class GuardsTests {

    private static EngineHarness harness;

    @Autowired
    ApplicationContext context;

    @Autowired
    AdminRecords records;

    @Autowired
    BootstrapProperties bootstrap;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void harness() {
        if (harness == null) {
            harness = new EngineHarness(context, 17);
        }
        harness.faults.reset();
        harness.newPool();
    }

    @AfterAll
    static void closeHarness() {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    /** Sets every ACTIVE admin but these aside (DISABLED, straight in the table) and returns them. */
    private List<UUID> setOtherActiveAdminsAside(UUID... keep) {
        List<UUID> others = jdbc.queryForList("SELECT id FROM users WHERE status = 'ACTIVE'", UUID.class);
        others.removeAll(List.of(keep));
        others.forEach(id -> jdbc.update("UPDATE users SET status = 'DISABLED' WHERE id = ?", id));
        return others;
    }

    private void bringBack(List<UUID> others) {
        others.forEach(id -> jdbc.update("UPDATE users SET status = 'ACTIVE' WHERE id = ?", id));
    }

    @Test
    void theLastActiveAdmin_cannotBeDisabledOrOffboarded_evenByTheService() {
        long active = activeAdmins();
        UUID last = records.findByEmail(bootstrap.email()).orElseThrow().id();
        List<UUID> others = setOtherActiveAdminsAside(last);
        try {
            assertThat(activeAdmins()).isEqualTo(1);
            for (OperationFailedException refused : List.of(
                    refusal(() -> harness.disable.disable(new AdminChange(last, Actor.service("scim:okta"), null))),
                    refusal(() -> harness.offboard.offboard(new AdminChange(last, Actor.service("scim:okta"), null))))) {
                assertThat(refused.reason()).isEqualTo(FailureReason.LAST_ACTIVE_ADMIN);
            }
            assertThat(records.findById(last).orElseThrow().status()).isEqualTo(AdminStatus.ACTIVE);
        } finally {
            bringBack(others);
        }
        assertThat(activeAdmins()).isEqualTo(active);
    }

    @RepeatedTest(5)
    void twoAdminsDisablingEachOtherAtOnce_leaveAtLeastOneActive() throws Exception {
        UUID ann = activeAdmin("ann");
        UUID bob = activeAdmin("bob");
        List<UUID> others = setOtherActiveAdminsAside(ann, bob);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Object> annDisablesBob = both.submit(() -> {
                start.await();
                return attempt(() -> harness.disable.disable(new AdminChange(bob, new Actor(ann, "ann"), null)));
            });
            Future<Object> bobDisablesAnn = both.submit(() -> {
                start.await();
                return attempt(() -> harness.disable.disable(new AdminChange(ann, new Actor(bob, "bob"), null)));
            });
            start.countDown();
            List<Object> outcomes = List.of(annDisablesBob.get(), bobDisablesAnn.get());

            assertThat(activeAdmins()).as("outcomes %s", outcomes).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> o instanceof OperationFailedException failed
                    && failed.reason() == FailureReason.LAST_ACTIVE_ADMIN).hasSize(1);
        } finally {
            both.shutdownNow();
            bringBack(others);
        }
    }

    /**
     * An enable whose Cognito answer was lost is finished by the reconciler later, and until then our
     * database still says DISABLED: a disable meanwhile must not answer "already disabled" (the enable
     * would then win after the caller was told the admin is disabled), but that a change is under way
     * (ScimAndAdminsScenarioTests seed 50001650).
     */
    @Test
    void aDisable_whileAnEnableIsStillBeingFinished_isRefusedAsInProgress() {
        UUID id = activeAdmin("pending");
        String email = records.findById(id).orElseThrow().email();
        assertThat(harness.change(Operation.DISABLE, email, null).kind()).isEqualTo(EngineHarness.Kind.CHANGED);
        harness.faults.arm(Step.ENABLE_USER, Fault.FAIL);
        EngineHarness.Answer enable = harness.change(Operation.ENABLE, email, null);
        assertThat(records.findById(id).orElseThrow().status()).as("enable pending").isEqualTo(AdminStatus.DISABLED);

        EngineHarness.Answer disable = harness.change(Operation.DISABLE, email, null);

        assertThat(disable.detail()).startsWith(FailureReason.OPERATION_IN_PROGRESS.name());
        harness.settle();
        assertThat(records.findById(id).orElseThrow().status()).isEqualTo(AdminStatus.ACTIVE);
        assertThat(harness.violations(java.util.List.of(email), java.util.List.of(enable, disable))).isEmpty();
    }

    private UUID activeAdmin(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@guards.example.com";
        harness.provision(email, null);
        harness.signIn(email);
        AdminAccount admin = records.findByEmail(email).orElseThrow();
        assertThat(admin.status()).isEqualTo(AdminStatus.ACTIVE);
        return admin.id();
    }

    private long activeAdmins() {
        return records.page(java.util.EnumSet.of(AdminStatus.ACTIVE), "", org.springframework.data.domain.PageRequest.of(0, 1))
                .getTotalElements();
    }

    private static Object attempt(Runnable change) {
        try {
            change.run();
            return "done";
        } catch (OperationFailedException e) {
            return e;
        }
    }

    private static OperationFailedException refusal(Runnable change) {
        Object outcome = attempt(change);
        assertThat(outcome).isInstanceOf(OperationFailedException.class);
        return (OperationFailedException) outcome;
    }
}
