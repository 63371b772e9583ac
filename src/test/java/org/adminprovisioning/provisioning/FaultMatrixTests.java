package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.adminprovisioning.admin.Users;
import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The fault matrix: every step of DESIGN §4 (saga, compensation, reconciler) × every fault
 * (fail, lost response, hang past the stale threshold, crash before, crash after; and for
 * {@code AdminCreateUser} also a late landing, the SDK-retry duplicate and a refusal). Each cell
 * provisions one admin with that one fault (after a trigger fault where the step lies on a
 * failure path), lets the reconciler settle everything, and asserts "both or neither": Cognito user
 * ⇔ {@code User} + {@code AdminInfo}, every journal row final, and the client's answer true. The
 * matrix with each cell's outcome is written to {@code target/fault-matrix[-postgres].md}.
 */
@SagaHarnessTest
class FaultMatrixTests {

    private static final List<String> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static SagaHarness harness;

    @Autowired
    ApplicationContext context;

    @Autowired
    ProvisioningRequests requests;

    @Autowired
    Users users;

    enum Phase {
        /** The fault hits the saga's own call. */
        SAGA,
        /** The saga left work (after the trigger); the fault hits the reconciler's call. */
        RECONCILER
    }

    record Trigger(Step step, Fault fault) {

        @Override
        public String toString() {
            return step + " " + fault;
        }
    }

    record Cell(int number, Phase phase, Step step, Fault fault, List<Trigger> triggers) {

        @Override
        public String toString() {
            return phase + ": " + step + " × " + fault + (triggers.isEmpty() ? "" : " (after " + triggers + ")");
        }
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        row(cells, Phase.SAGA, Step.JOURNAL_START, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.CREATE_USER, Fault.CREATE);
        row(cells, Phase.SAGA, Step.JOURNAL_COGNITO_CREATED, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.ADD_TO_GROUP, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.LOCK_FOR_COMPLETION, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.WRITE_RECORDS, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.JOURNAL_COMPLETED, Fault.GENERIC);
        row(cells, Phase.SAGA, Step.FIND_USER, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.LOST_RESPONSE));
        row(cells, Phase.SAGA, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.FAIL));
        row(cells, Phase.SAGA, Step.JOURNAL_FAILED, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.REFUSED));
        row(cells, Phase.SAGA, Step.JOURNAL_COMPENSATING, Fault.GENERIC, new Trigger(Step.WRITE_RECORDS, Fault.FAIL));
        row(cells, Phase.SAGA, Step.DELETE_USER, Fault.GENERIC, new Trigger(Step.WRITE_RECORDS, Fault.FAIL));
        row(cells, Phase.SAGA, Step.JOURNAL_ROLLED_BACK, Fault.GENERIC, new Trigger(Step.WRITE_RECORDS, Fault.FAIL));
        Trigger crashAfterCreate = new Trigger(Step.CREATE_USER, Fault.CRASH_AFTER);
        row(cells, Phase.RECONCILER, Step.RECONCILER_CLAIM, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.FIND_USER, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.ADD_TO_GROUP, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.RECONCILER_LOCK, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.WRITE_RECORDS, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.JOURNAL_COMPLETED, Fault.GENERIC, crashAfterCreate);
        row(cells, Phase.RECONCILER, Step.DELETE_USER, Fault.GENERIC, new Trigger(Step.WRITE_RECORDS, Fault.FAIL),
                new Trigger(Step.DELETE_USER, Fault.FAIL));
        row(cells, Phase.RECONCILER, Step.RECONCILER_END, Fault.GENERIC,
                new Trigger(Step.CREATE_USER, Fault.CRASH_BEFORE));
        return cells.stream();
    }

    private static void row(List<Cell> cells, Phase phase, Step step, Fault[] faults, Trigger... triggers) {
        for (Fault fault : faults) {
            cells.add(new Cell(cells.size() + 1, phase, step, fault, List.of(triggers)));
        }
    }

    @BeforeEach
    void freshScenario() {
        if (harness == null) {
            harness = new SagaHarness(context, 4);
        }
        harness.faults.reset();
        harness.newPool();
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        if (harness != null) {
            harness.close();
            harness = null;
        }
        Map<String, String> byCell = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        lines.add("| # | phase | step | fault | after | answer | journal | admin |");
        lines.add("|---|---|---|---|---|---|---|---|");
        synchronized (OUTCOMES) {
            OUTCOMES.forEach(line -> byCell.put(line.substring(0, line.indexOf('|', 2)), line));
        }
        byCell.values().stream().sorted((a, b) -> Integer.compare(number(a), number(b))).forEach(lines::add);
        Path file = Path.of("target", TestDatabase.postgresMode() ? "fault-matrix-postgres.md" : "fault-matrix.md");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring(2, line.indexOf(' ', 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void anyFaultAtAnyStep_leavesTheAdminInBothSystemsOrInNeither_afterTheReconcilerRuns(Cell cell) {
        String email = "cell-" + cell.number() + "-" + System.nanoTime() + "@matrix.example.com";
        cell.triggers().forEach(trigger -> harness.faults.arm(trigger.step(), trigger.fault()));
        if (cell.phase() == Phase.SAGA) {
            harness.faults.arm(cell.step(), cell.fault());
        }

        SagaHarness.Answer answer = harness.provision(email, "key-" + email);
        if (cell.phase() == Phase.RECONCILER) {
            assertThat(harness.faults.allArmedFired()).as("the trigger fired").isTrue();
            harness.faults.arm(cell.step(), cell.fault());
            harness.advancePastStale();
            harness.reconcileOnce();
        }
        boolean fired = harness.faults.allArmedFired();
        List<String> firedFaults = harness.faults.fired();
        harness.settle();
        List<String> violations = harness.violations(List.of(email), List.of(answer));

        List<ProvisioningRequest> journal = requests.findByEmailOrderByCreatedAtAsc(email);
        OUTCOMES.add("| " + cell.number() + " | " + cell.phase() + " | " + cell.step().description() + " | "
                + cell.fault() + " | " + cell.triggers().stream().map(Trigger::toString).collect(Collectors.joining(", "))
                + " | " + answer.kind() + " " + shorten(answer.detail()) + " | "
                + journal.stream().map(r -> r.getState().toString()).collect(Collectors.joining(", ")) + " | "
                + (users.findByEmail(email).isPresent() ? "both" : "neither") + (violations.isEmpty() ? "" : " VIOLATION")
                + " |");
        assertThat(fired).as("the fault was reached (fired: %s)", firedFaults).isTrue();
        assertThat(violations).as("faults fired: %s; answer: %s", firedFaults, answer).isEmpty();
    }

    private static String shorten(String detail) {
        String text = detail == null ? "" : detail.replace('|', '/');
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
