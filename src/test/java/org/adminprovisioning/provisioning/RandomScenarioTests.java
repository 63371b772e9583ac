package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Random scenarios, property style (plain JUnit, one dynamic test per seed): each seed generates a
 * sequence of operations for a few emails — provisionings (in any letter case, with new, repeated or
 * misused idempotency keys), resends, disables, enables, offboards, first sign-ins — reconciler
 * passes, time jumps past the stale threshold, and faults at random steps (every fault of the
 * {@link FaultMatrixTests}, any number per scenario, in the operations and in the reconciler alike).
 * Afterwards the reconciler settles everything without faults and the scenario must keep the
 * promise of {@link EngineInvariant}, and every replay of a provisioning key after the dust settled
 * must have a final answer.
 *
 * <p>Tries: {@code -Dadminprovisioning.scenarios=N} (the build runs 1,000 on H2 and 500 on
 * PostgreSQL; {@code ./mvnw test -Dtest=RandomScenarioTests -Dadminprovisioning.scenarios=10000
 * -DskipPostgresTests=true} for a long run). A failing seed is in the test's name and message;
 * {@code -Dadminprovisioning.scenarios.seed=<seed> -Dadminprovisioning.scenarios=1} replays it.
 */
@EngineHarnessTest
class RandomScenarioTests {

    /** Per intercepted call; {@code -Dadminprovisioning.scenarios.faults=0.25} for a rougher ride. */
    private static final double FAULT_PROBABILITY = Double.parseDouble(
            System.getProperty("adminprovisioning.scenarios.faults", "0.08"));
    private static final Operation[] CHANGES = {Operation.DISABLE, Operation.ENABLE, Operation.OFFBOARD};
    private static EngineHarness harness;
    private static final Map<String, Integer> TALLY = new java.util.TreeMap<>();

    @Autowired
    ApplicationContext context;

    @AfterAll
    static void closeHarnessAndReport() {
        System.out.println("RandomScenarioTests tally: " + TALLY);
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    @TestFactory
    Stream<DynamicTest> randomRequestsRetriesDuplicatesAndFaults_keepEveryAdminInBothSystemsOrInNeither() {
        int tries = Integer.getInteger("adminprovisioning.scenarios", 1000);
        long firstSeed = Long.getLong("adminprovisioning.scenarios.seed", 20_261_124L);
        System.out.printf("RandomScenarioTests: %d tries, seeds %d to %d, fault probability %.2f per call%n", tries,
                firstSeed, firstSeed + tries - 1, FAULT_PROBABILITY);
        return LongStream.range(firstSeed, firstSeed + tries)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> scenario(seed)));
    }

    private void scenario(long seed) {
        if (harness == null) {
            harness = new EngineHarness(context, seed);
        }
        Random random = new Random(seed);
        harness.faults.reset();
        harness.newPool();
        harness.faults.randomly(random, FAULT_PROBABILITY);
        List<String> emails = List.of("s" + seed + "-ann@random.example.com", "s" + seed + "-bob@random.example.com");
        Map<String, String> keys = new LinkedHashMap<>();
        List<EngineHarness.Answer> answers = new ArrayList<>();
        List<String> story = new ArrayList<>();
        int operations = 3 + random.nextInt(7);
        for (int i = 0; i < operations; i++) {
            int dice = random.nextInt(100);
            String email = emails.get(random.nextInt(emails.size()));
            if (dice < 40) {
                String typed = anyCase(random, email);
                String key = chooseKey(random, keys, typed, seed, i);
                EngineHarness.Answer answer = harness.provision(typed, key);
                if (key != null && !keys.containsKey(key)) {
                    keys.put(key, typed);
                }
                answers.add(answer);
                story.add("provision " + typed + " key=" + key + " -> " + answer.kind() + " " + answer.detail());
            } else if (dice < 60) {
                Operation operation = CHANGES[random.nextInt(CHANGES.length)];
                String key = random.nextBoolean() ? null : "change-" + seed + "-" + i;
                EngineHarness.Answer answer = harness.change(operation, email, key);
                answers.add(answer);
                story.add(operation + " " + email + " key=" + key + " -> " + answer.kind() + " " + answer.detail());
            } else if (dice < 66) {
                EngineHarness.Answer answer = harness.resend(email);
                answers.add(answer);
                story.add("resend " + email + " -> " + answer.kind() + " " + answer.detail());
            } else if (dice < 72) {
                harness.signIn(email);
                story.add("first sign-in of " + email);
            } else if (dice < 86) {
                harness.reconcileOnce();
                story.add("reconciler pass");
            } else {
                harness.advancePastStale();
                harness.reconcileOnce();
                story.add("time passes the stale threshold, reconciler pass");
            }
        }
        List<String> fired = harness.faults.fired();
        synchronized (TALLY) {
            TALLY.merge("scenarios", 1, Integer::sum);
            fired.forEach(f -> TALLY.merge("fault " + f.substring(0, f.indexOf('@')), 1, Integer::sum));
            answers.forEach(a -> TALLY.merge("answer " + a.kind(), 1, Integer::sum));
        }
        harness.settle();
        harness.faults.enable(false);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> key : keys.entrySet()) {
            EngineHarness.Answer replay = harness.provision(key.getValue(), key.getKey());
            story.add("after settling, replay key=" + key.getKey() + " -> " + replay.kind() + " " + replay.detail());
            boolean replayedFailure = replay.detail().contains("This Idempotency-Key's request failed");
            if ((replay.kind() == EngineHarness.Kind.UNKNOWN && !replayedFailure)
                    || replay.detail().startsWith("KEY_IN_PROGRESS")) {
                violations.add("key " + key.getKey() + " still has no final answer after settling: " + replay.detail());
            }
            if (replay.kind() == EngineHarness.Kind.CHANGED && !harness.adminExists(replay.adminId())) {
                violations.add("key " + key.getKey() + " replays admin " + replay.adminId() + ", which is lost");
            }
            if (replay.kind() == EngineHarness.Kind.CHANGED && harness.isLive(replay.adminId())) {
                // A key whose first request was refused before it was journaled starts a new request.
                answers.add(replay);
            }
        }
        harness.faults.enable(true);
        violations.addAll(harness.violations(emails, answers));
        assertThat(violations)
                .as("seed %d (replay: -Dadminprovisioning.scenarios.seed=%d -Dadminprovisioning.scenarios=1)%n"
                        + "faults fired: %s%nstory:%n  %s", seed, seed, fired, String.join("\n  ", story))
                .isEmpty();
    }

    /** No key, a new key, the key of an earlier request (a client retry), or an earlier key with another email. */
    private static String chooseKey(Random random, Map<String, String> keys, String email, long seed, int step) {
        int dice = random.nextInt(100);
        if (dice < 30) {
            return null;
        }
        if (dice < 65 || keys.isEmpty()) {
            return "key-" + seed + "-" + step;
        }
        List<String> used = new ArrayList<>(keys.keySet());
        return used.get(random.nextInt(used.size()));
    }

    private static String anyCase(Random random, String email) {
        StringBuilder mixed = new StringBuilder(email.length());
        for (char c : email.toCharArray()) {
            mixed.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
        }
        return random.nextInt(5) == 0 ? "  " + mixed + " " : mixed.toString();
    }
}
