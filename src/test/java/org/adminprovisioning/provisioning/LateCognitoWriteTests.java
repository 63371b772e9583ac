package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.adminprovisioning.provisioning.EngineHarness.Answer;
import org.adminprovisioning.provisioning.EngineHarness.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A change's Cognito call stalls past the stale threshold; meanwhile another instance's reconciler
 * finishes the change and a newer, opposite change to the same admin goes through in both systems.
 * When the stalled call finally lands it undoes the newer change in Cognito: the stalled operation
 * must notice (its entry was finished by someone else) and put Cognito back to what our database
 * says now. Found by {@link ScimAndAdminsScenarioTests} (seed 20261211, in CI).
 */
@EngineHarnessTest
class LateCognitoWriteTests {

    @Autowired
    private ApplicationContext context;

    private EngineHarness harness;
    private String email;
    private final List<Answer> answers = new ArrayList<>();

    @BeforeEach
    void anInvitedAdmin() {
        harness = new EngineHarness(context, 7);
        harness.newPool();
        email = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        answers.add(harness.provision(email, null));
        harness.signIn(email);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aStalledDisable_thatLandsAfterANewerEnable_leavesTheAdminEnabledInBothSystems() {
        harness.faults.arm(Step.DISABLE_USER, Fault.HANG);
        harness.faults.onHang(() -> {
            harness.advancePastStale();
            harness.reconcileOnce();
            answers.add(harness.change(Operation.ENABLE, email, null));
        });

        Answer stalled = harness.change(Operation.DISABLE, email, null);

        assertThat(stalled.kind()).isEqualTo(Kind.CHANGED);
        assertThat(answers.get(answers.size() - 1).kind()).as("the newer enable").isEqualTo(Kind.CHANGED);
        answers.add(stalled);
        // Which came last is the point: the enable did, in our database; the answers cannot tell it.
        answers.add(new Answer(Operation.DISABLE, email, Kind.UNKNOWN, null, "overlapping changes"));
        harness.settle();
        assertThat(harness.violations(List.of(email), answers)).isEmpty();
        assertThat(status()).isEqualTo("ACTIVE");
    }

    @Test
    void aStalledDisable_whoseSignOutThenFails_stillLeavesTheNewerEnableInBothSystems() {
        harness.faults.arm(Step.DISABLE_USER, Fault.HANG);
        harness.faults.onHang(() -> {
            harness.advancePastStale();
            harness.reconcileOnce();
            answers.add(harness.change(Operation.ENABLE, email, null));
            harness.faults.arm(Step.SIGN_OUT, Fault.FAIL);
        });

        answers.add(harness.change(Operation.DISABLE, email, null));

        answers.add(new Answer(Operation.DISABLE, email, Kind.UNKNOWN, null, "overlapping changes"));
        harness.settle();
        assertThat(harness.violations(List.of(email), answers)).isEmpty();
        assertThat(status()).isEqualTo("ACTIVE");
    }

    @Test
    void aStalledEnable_thatLandsAfterANewerDisable_leavesTheAdminDisabledInBothSystems() {
        answers.add(harness.change(Operation.DISABLE, email, null));
        harness.faults.arm(Step.ENABLE_USER, Fault.HANG);
        harness.faults.onHang(() -> {
            harness.advancePastStale();
            harness.reconcileOnce();
            answers.add(harness.change(Operation.DISABLE, email, null));
        });

        Answer stalled = harness.change(Operation.ENABLE, email, null);

        assertThat(stalled.kind()).isEqualTo(Kind.CHANGED);
        answers.add(stalled);
        answers.add(new Answer(Operation.ENABLE, email, Kind.UNKNOWN, null, "overlapping changes"));
        harness.settle();
        assertThat(harness.violations(List.of(email), answers)).isEmpty();
        assertThat(status()).isEqualTo("DISABLED");
    }

    private String status() {
        return context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT status FROM users WHERE live_email = ?", String.class, email);
    }
}
