package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.adminprovisioning.provisioning.EngineHarness.Answer;
import org.adminprovisioning.provisioning.EngineHarness.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The invitation counter counts every resend that went out, also when a resend's counting and the
 * reconciler's catching up of an earlier one commit at once (found by {@link ScimAndAdminsScenarioTests},
 * seed 30000170: both read the same count and one increment was lost).
 */
@EngineHarnessTest
class ResendCounterTests {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aResendCountedWhileTheReconcilerCatchesUpAnEarlierOne_losesNeitherCount() {
        String email = "counted-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<Answer> answers = new ArrayList<>();
        try (EngineHarness harness = new EngineHarness(context, 3)) {
            harness.newPool();
            answers.add(harness.provision(email, null));
            // The first resend went out, but its counting was lost: the reconciler catches it up later.
            harness.faults.arm(Step.WRITE_RESENT, Fault.LOST_RESPONSE);
            answers.add(harness.resend(email));
            // The second one's counting stalls, uncommitted, while another instance's reconciler does that.
            harness.faults.arm(Step.JOURNAL_COMPLETE, Fault.HANG);
            answers.add(harness.resend(email));

            harness.settle();

            assertThat(answers).extracting(Answer::kind).containsOnly(Kind.CHANGED);
            assertThat(harness.violations(List.of(email), answers)).isEmpty();
            assertThat(jdbc.queryForObject("SELECT i.invite_count FROM admin_info i JOIN users u ON u.id = i.user_id "
                    + "WHERE u.live_email = ?", Integer.class, email)).isEqualTo(3);
        }
    }
}
