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

import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fault matrix: for every operation, every step of it, of its compensation and of the
 * reconciler × every fault (fail, lost response, hang past the stale threshold, crash before, crash
 * after; and for {@code AdminCreateUser} also a late landing, the SDK-retry duplicate and a
 * refusal). Each cell prepares an admin for the operation, runs it with that one fault (after a
 * trigger fault where the step lies on a failure path), lets the reconciler settle everything, and
 * checks {@link EngineInvariant}. The matrix with each cell's outcome is written to
 * {@code target/fault-matrix[-postgres].md}.
 */
@EngineHarnessTest
class FaultMatrixTests {

    private static final List<String> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static EngineHarness harness;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    enum Phase {
        /** The fault hits the operation's own call. */
        OPERATION,
        /** The operation left work (after the trigger); the fault hits the reconciler's call. */
        RECONCILER
    }

    record Trigger(Step step, Fault fault) {

        @Override
        public String toString() {
            return step + " " + fault;
        }
    }

    record Cell(int number, Operation operation, Phase phase, Step step, Fault fault, List<Trigger> triggers) {

        @Override
        public String toString() {
            return operation + " " + phase + ": " + step + " × " + fault
                    + (triggers.isEmpty() ? "" : " (after " + triggers + ")");
        }
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        provision(cells);
        disable(cells);
        enable(cells);
        offboard(cells);
        resend(cells);
        return cells.stream();
    }

    private static void provision(List<Cell> cells) {
        Operation op = Operation.PROVISION;
        for (Step step : List.of(Step.JOURNAL_BEGIN, Step.JOURNAL_COGNITO_DONE, Step.ADD_TO_GROUP, Step.JOURNAL_LOCK,
                Step.WRITE_RECORDS, Step.JOURNAL_COMPLETE)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC);
        }
        row(cells, op, Phase.OPERATION, Step.CREATE_USER, Fault.CREATE);
        row(cells, op, Phase.OPERATION, Step.FIND_USER, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.LOST_RESPONSE));
        row(cells, op, Phase.OPERATION, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.FAIL));
        row(cells, op, Phase.OPERATION, Step.JOURNAL_FAIL, Fault.GENERIC, new Trigger(Step.CREATE_USER, Fault.REFUSED));
        Trigger writeFails = new Trigger(Step.WRITE_RECORDS, Fault.FAIL);
        for (Step step : List.of(Step.JOURNAL_COMPENSATING, Step.DELETE_USER, Step.JOURNAL_ROLLED_BACK)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC, writeFails);
        }
        Trigger crashAfterCreate = new Trigger(Step.CREATE_USER, Fault.CRASH_AFTER);
        for (Step step : List.of(Step.RECONCILER_CLAIM, Step.FIND_USER, Step.ADD_TO_GROUP, Step.RECONCILER_LOCK,
                Step.WRITE_RECORDS, Step.RECONCILER_END)) {
            row(cells, op, Phase.RECONCILER, step, Fault.GENERIC, crashAfterCreate);
        }
        row(cells, op, Phase.RECONCILER, Step.DELETE_USER, Fault.GENERIC, writeFails,
                new Trigger(Step.DELETE_USER, Fault.FAIL));
        row(cells, op, Phase.RECONCILER, Step.RECONCILER_END, Fault.GENERIC,
                new Trigger(Step.CREATE_USER, Fault.CRASH_BEFORE));
    }

    private static void disable(List<Cell> cells) {
        Operation op = Operation.DISABLE;
        for (Step step : List.of(Step.LOCK_ADMIN, Step.WRITE_DISABLE, Step.JOURNAL_BEGIN, Step.DISABLE_USER,
                Step.SIGN_OUT, Step.JOURNAL_COMPLETE)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC);
        }
        row(cells, op, Phase.OPERATION, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.DISABLE_USER, Fault.FAIL));
        Trigger crashBeforeCognito = new Trigger(Step.DISABLE_USER, Fault.CRASH_BEFORE);
        for (Step step : List.of(Step.RECONCILER_CLAIM, Step.DISABLE_USER, Step.SIGN_OUT, Step.RECONCILER_END)) {
            row(cells, op, Phase.RECONCILER, step, Fault.GENERIC, crashBeforeCognito);
        }
    }

    private static void enable(List<Cell> cells) {
        Operation op = Operation.ENABLE;
        for (Step step : List.of(Step.LOCK_ADMIN, Step.JOURNAL_BEGIN, Step.ENABLE_USER, Step.JOURNAL_COGNITO_DONE,
                Step.JOURNAL_LOCK, Step.WRITE_ENABLE, Step.JOURNAL_COMPLETE)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC);
        }
        row(cells, op, Phase.OPERATION, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.ENABLE_USER, Fault.FAIL));
        Trigger writeFails = new Trigger(Step.WRITE_ENABLE, Fault.FAIL);
        for (Step step : List.of(Step.JOURNAL_COMPENSATING, Step.DISABLE_USER, Step.JOURNAL_ROLLED_BACK)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC, writeFails);
        }
        Trigger crashAfterCognito = new Trigger(Step.ENABLE_USER, Fault.CRASH_AFTER);
        for (Step step : List.of(Step.RECONCILER_CLAIM, Step.ENABLE_USER, Step.RECONCILER_LOCK, Step.WRITE_ENABLE,
                Step.RECONCILER_END)) {
            row(cells, op, Phase.RECONCILER, step, Fault.GENERIC, crashAfterCognito);
        }
        row(cells, op, Phase.RECONCILER, Step.DISABLE_USER, Fault.GENERIC, writeFails,
                new Trigger(Step.DISABLE_USER, Fault.FAIL));
    }

    private static void offboard(List<Cell> cells) {
        Operation op = Operation.OFFBOARD;
        for (Step step : List.of(Step.LOCK_ADMIN, Step.WRITE_OFFBOARD, Step.JOURNAL_BEGIN, Step.DELETE_USER,
                Step.JOURNAL_COMPLETE)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC);
        }
        row(cells, op, Phase.OPERATION, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.DELETE_USER, Fault.FAIL));
        Trigger crashBeforeCognito = new Trigger(Step.DELETE_USER, Fault.CRASH_BEFORE);
        for (Step step : List.of(Step.RECONCILER_CLAIM, Step.DELETE_USER, Step.RECONCILER_END)) {
            row(cells, op, Phase.RECONCILER, step, Fault.GENERIC, crashBeforeCognito);
        }
    }

    private static void resend(List<Cell> cells) {
        Operation op = Operation.RESEND;
        for (Step step : List.of(Step.LOCK_ADMIN, Step.JOURNAL_BEGIN, Step.RESEND, Step.JOURNAL_COGNITO_DONE,
                Step.JOURNAL_LOCK, Step.WRITE_RESENT, Step.JOURNAL_COMPLETE)) {
            row(cells, op, Phase.OPERATION, step, Fault.GENERIC);
        }
        row(cells, op, Phase.OPERATION, Step.JOURNAL_HAND_OVER, Fault.GENERIC, new Trigger(Step.RESEND, Fault.FAIL));
        Trigger crashAfterCognito = new Trigger(Step.RESEND, Fault.CRASH_AFTER);
        for (Step step : List.of(Step.RECONCILER_CLAIM, Step.FIND_USER, Step.RECONCILER_LOCK, Step.WRITE_RESENT,
                Step.RECONCILER_END)) {
            row(cells, op, Phase.RECONCILER, step, Fault.GENERIC, crashAfterCognito);
        }
    }

    private static void row(List<Cell> cells, Operation operation, Phase phase, Step step, Fault[] faults,
            Trigger... triggers) {
        for (Fault fault : faults) {
            cells.add(new Cell(cells.size() + 1, operation, phase, step, fault, List.of(triggers)));
        }
    }

    @BeforeEach
    void freshScenario() {
        if (harness == null) {
            harness = new EngineHarness(context, 4);
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
        Map<Integer, String> byCell = new TreeMap<>();
        synchronized (OUTCOMES) {
            OUTCOMES.forEach(line -> byCell.put(Integer.parseInt(line.substring(2, line.indexOf(' ', 2))), line));
        }
        List<String> lines = new ArrayList<>();
        lines.add("| # | operation | phase | step | fault | after | answer | journal | admin |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        lines.addAll(byCell.values());
        Path file = Path.of("target", TestDatabase.postgresMode() ? "fault-matrix-postgres.md" : "fault-matrix.md");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void anyFaultAtAnyStepOfAnyOperation_leavesBothSystemsAgreeing_afterTheReconcilerRuns(Cell cell) {
        String email = "cell-" + cell.number() + "-" + System.nanoTime() + "@matrix.example.com";
        List<EngineHarness.Answer> answers = new ArrayList<>(prepare(cell.operation(), email));
        cell.triggers().forEach(trigger -> harness.faults.arm(trigger.step(), trigger.fault()));
        if (cell.phase() == Phase.OPERATION) {
            harness.faults.arm(cell.step(), cell.fault());
        }

        EngineHarness.Answer answer = run(cell.operation(), email);
        answers.add(answer);
        if (cell.phase() == Phase.RECONCILER) {
            assertThat(harness.faults.allArmedFired()).as("the trigger fired").isTrue();
            harness.faults.arm(cell.step(), cell.fault());
            harness.advancePastStale();
            harness.reconcileOnce();
        }
        boolean fired = harness.faults.allArmedFired();
        List<String> firedFaults = harness.faults.fired();
        harness.settle();
        List<String> violations = harness.violations(List.of(email), answers);

        String journal = jdbc.queryForList("SELECT state FROM admin_operations WHERE email = ? AND operation = ? "
                + "ORDER BY created_at", String.class, email, cell.operation().name()).stream()
                .collect(Collectors.joining(", "));
        String admin = jdbc.queryForList("SELECT status FROM users WHERE email = ?", String.class, email).stream()
                .collect(Collectors.joining(", "));
        OUTCOMES.add("| " + cell.number() + " | " + cell.operation() + " | " + cell.phase() + " | "
                + cell.step().description() + " | " + cell.fault() + " | "
                + cell.triggers().stream().map(Trigger::toString).collect(Collectors.joining(", ")) + " | "
                + answer.kind() + " " + shorten(answer.detail()) + " | " + journal + " | "
                + (admin.isEmpty() ? "none" : admin) + (violations.isEmpty() ? "" : " VIOLATION") + " |");
        assertThat(fired).as("the fault was reached (fired: %s)", firedFaults).isTrue();
        assertThat(violations).as("faults fired: %s; answer: %s", firedFaults, answer).isEmpty();
    }

    /** Without faults, brings an admin to where the operation starts from; returns those answers. */
    private static List<EngineHarness.Answer> prepare(Operation operation, String email) {
        if (operation == Operation.PROVISION) {
            return List.of();
        }
        List<EngineHarness.Answer> answers = new ArrayList<>();
        answers.add(harness.provision(email, null));
        if (operation == Operation.DISABLE || operation == Operation.ENABLE) {
            harness.signIn(email);
        }
        if (operation == Operation.ENABLE) {
            answers.add(harness.change(Operation.DISABLE, email, null));
        }
        return answers;
    }

    private static EngineHarness.Answer run(Operation operation, String email) {
        return switch (operation) {
            case PROVISION -> harness.provision(email, "key-" + email);
            case RESEND -> harness.resend(email);
            default -> harness.change(operation, email, "key-" + operation + "-" + email);
        };
    }

    private static String shorten(String detail) {
        String text = detail == null ? "" : detail.replace('|', '/');
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
