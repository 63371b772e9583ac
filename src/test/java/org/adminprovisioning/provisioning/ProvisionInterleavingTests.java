package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.withSettings;

import java.lang.reflect.InvocationTargetException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.bootstrap.BootstrapProperties;
import org.adminprovisioning.cognito.CognitoGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two provisionings of one email forced, with latches, into the interleaving where the winner's
 * records and COMPLETED commit between the loser's first look for a live admin and its journal
 * insert: the loser must still be refused before it is journaled, and Cognito must see one create.
 */
@EngineHarnessTest
class ProvisionInterleavingTests {

    private static final long WAIT_SECONDS = 20;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aTwinThatLookedBeforeTheWinnerCommitted_andIsJournaledAfter_isRefusedWithoutCallingCognito() throws Exception {
        String email = "interleaved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CountDownLatch winnerWroteRecords = new CountDownLatch(1);
        CountDownLatch loserLooked = new CountDownLatch(1);
        CountDownLatch winnerDone = new CountDownLatch(1);
        Thread[] loser = new Thread[1];
        try (EngineHarness harness = new EngineHarness(context, 1)) {
            CognitoGateway cognito = delegating(CognitoGateway.class, harness.cognito, null);
            // Inside the winner's last transaction, its User and AdminInfo written but not committed.
            Journal journal = delegating(Journal.class, context.getBean(Journal.class), method -> {
                if (method.equals("complete") && Thread.currentThread() != loser[0]) {
                    winnerWroteRecords.countDown();
                    await(loserLooked);
                }
            });
            // The loser's first look, inside its Tx A, sees no live admin yet; it goes on once the winner committed.
            boolean[] looked = new boolean[1];
            AdminRecords records = delegating(AdminRecords.class, context.getBean(AdminRecords.class), null);
            AdminRecords loserRecords = delegatingAfter(AdminRecords.class, context.getBean(AdminRecords.class), method -> {
                if (method.equals("existsByEmail") && Thread.currentThread() == loser[0] && !looked[0]) {
                    looked[0] = true;
                    loserLooked.countDown();
                    await(winnerDone);
                }
            });
            ProvisionAdmin winnerEngine = engine(cognito, records, journal);
            ProvisionAdmin loserEngine = engine(cognito, loserRecords, journal);
            Actor actor = bootstrapActor();

            CompletableFuture<OperationOutcome> winner = CompletableFuture.supplyAsync(
                    () -> winnerEngine.provision(new ProvisionCommand(EmailAddress.of(email), actor, null)));
            await(winnerWroteRecords);
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            loser[0] = new Thread(() -> refused.complete(catchThrowableOfType(OperationFailedException.class,
                    () -> loserEngine.provision(new ProvisionCommand(EmailAddress.of(email.toUpperCase()), actor, null)))));
            loser[0].start();
            assertThat(winner.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(OperationOutcome.Done.class);
            winnerDone.countDown();

            OperationFailedException failure = (OperationFailedException) refused.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(failure).as("the loser's answer").isNotNull();
            assertThat(failure.reason()).isEqualTo(FailureReason.ADMIN_EXISTS);
            // Counted, not listed: a listing would print the temporary passwords.
            assertThat(mockingDetails(cognito).getInvocations().stream()
                    .filter(i -> i.getMethod().getName().equals("createAdminUser")).count())
                    .as("AdminCreateUser calls").isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT state FROM admin_operations WHERE email = ?", String.class, email))
                    .as("the loser was stopped before it was journaled").containsExactly("COMPLETED");
        }
    }

    /**
     * A provisioning's create stalls past the stale threshold; the reconciler finds no user and stops
     * holding the email; a second provisioning of the email creates its user and, before it records
     * it, the stalled create lands and hears "exists". That user is the second one's: the stalled
     * provisioning must not adopt it, nor delete it while undoing (seed 20261206 of
     * {@link ScimAndAdminsScenarioTests}, in CI, lost an admin's Cognito user this way).
     */
    @Test
    void aStalledCreateThatFindsATwinsFreshUser_leavesItToTheTwin() throws Exception {
        String email = "stalled-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CountDownLatch twinCreated = new CountDownLatch(1);
        CountDownLatch stalledDone = new CountDownLatch(1);
        try (EngineHarness harness = new EngineHarness(context, 5)) {
            harness.newPool();
            CognitoGateway pool = harness.cognito.delegate();
            Thread[] twin = new Thread[1];
            harness.cognito.delegateTo(delegatingAfter(CognitoGateway.class, pool, method -> {
                if (method.equals("createAdminUser") && Thread.currentThread() == twin[0]) {
                    twinCreated.countDown();
                    await(stalledDone);
                }
            }));
            CompletableFuture<EngineHarness.Answer> twinAnswer = new CompletableFuture<>();
            harness.faults.arm(Step.CREATE_USER, Fault.HANG);
            harness.faults.onHang(() -> {
                harness.advancePastStale();
                harness.reconcileOnce();
                twin[0] = new Thread(() -> twinAnswer.complete(harness.provision(email, null)));
                twin[0].start();
                await(twinCreated);
            });

            EngineHarness.Answer stalled = harness.provision(email, null);
            stalledDone.countDown();
            EngineHarness.Answer created = twinAnswer.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(created.kind()).as("the twin's answer: " + created).isEqualTo(EngineHarness.Kind.CHANGED);
            harness.settle();
            assertThat(harness.violations(java.util.List.of(email), java.util.List.of(stalled, created))).isEmpty();
        }
    }

    /**
     * The mirror image: the stalled create lands first, and a newer provisioning of the email, under
     * way meanwhile, hears "exists". The user is the stalled one's, which undoes it: the newer one
     * must not adopt it (it would record an admin whose Cognito user is then deleted).
     */
    @Test
    void aTwinThatFindsAStalledCreatesLateUser_doesNotAdoptIt() throws Exception {
        String email = "landed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CountDownLatch stalledCreated = new CountDownLatch(1);
        CountDownLatch twinDone = new CountDownLatch(1);
        try (EngineHarness harness = new EngineHarness(context, 6)) {
            harness.newPool();
            CognitoGateway pool = harness.cognito.delegate();
            Thread[] twin = new Thread[1];
            harness.cognito.delegateTo(mock(CognitoGateway.class, withSettings().defaultAnswer(invocation -> {
                boolean create = invocation.getMethod().getName().equals("createAdminUser");
                boolean byTwin = Thread.currentThread() == twin[0];
                if (create && byTwin) {
                    await(stalledCreated);
                }
                Object result = invoke(invocation.getMethod(), pool, invocation.getArguments());
                if (create && !byTwin) {
                    stalledCreated.countDown();
                    await(twinDone);
                }
                return result;
            })));
            CompletableFuture<EngineHarness.Answer> twinAnswer = new CompletableFuture<>();
            harness.faults.arm(Step.CREATE_USER, Fault.HANG);
            harness.faults.onHang(() -> {
                harness.advancePastStale();
                harness.reconcileOnce();
                twin[0] = new Thread(() -> {
                    twinAnswer.complete(harness.provision(email, null));
                    twinDone.countDown();
                });
                twin[0].start();
            });

            EngineHarness.Answer stalled = harness.provision(email, null);
            EngineHarness.Answer newer = twinAnswer.get(WAIT_SECONDS, TimeUnit.SECONDS);

            harness.settle();
            assertThat(harness.violations(java.util.List.of(email), java.util.List.of(stalled, newer)))
                    .as("stalled: %s%nnewer: %s", stalled, newer).isEmpty();
        }
    }

    /**
     * A stalled create lands after the reconciler failed its provisioning, and the process dies before
     * it could undo it: the user waits for the reconciler's second look. When that look comes while a
     * newer provisioning of the email is under way, the user is contested: the second look must come
     * back later instead of calling the failure final, or nobody ever deletes the user (seed 80000888
     * of {@link ScimAndAdminsScenarioTests} on PostgreSQL left that ghost).
     */
    @Test
    void aSecondLookWhileANewerProvisioningIsUnderWay_comesBackLater_andThenUndoesTheLateUser() throws Exception {
        String email = "second-look-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CountDownLatch newerJournaled = new CountDownLatch(1);
        CountDownLatch secondLookDone = new CountDownLatch(1);
        try (EngineHarness harness = new EngineHarness(context, 8)) {
            harness.newPool();
            CognitoGateway pool = harness.cognito.delegate();
            Thread[] newer = new Thread[1];
            harness.cognito.delegateTo(delegating(CognitoGateway.class, pool, method -> {
                if (method.equals("createAdminUser") && Thread.currentThread() == newer[0]) {
                    newerJournaled.countDown();
                    await(secondLookDone);
                }
            }));
            harness.faults.arm(Step.CREATE_USER, Fault.HANG);
            harness.faults.onHang(() -> {
                harness.advancePastStale();
                harness.reconcileOnce();
                harness.faults.arm(Step.JOURNAL_COMPENSATING, Fault.CRASH_BEFORE);
            });
            EngineHarness.Answer stalled = harness.provision(email, null);
            assertThat(jdbc.queryForObject("SELECT state FROM admin_operations WHERE email = ?", String.class, email))
                    .isEqualTo("VERIFYING");

            harness.advancePastStale();
            CompletableFuture<EngineHarness.Answer> newerAnswer = new CompletableFuture<>();
            newer[0] = new Thread(() -> newerAnswer.complete(harness.provision(email, null)));
            newer[0].start();
            await(newerJournaled);
            harness.reconcileOnce();
            secondLookDone.countDown();
            EngineHarness.Answer answer = newerAnswer.get(WAIT_SECONDS, TimeUnit.SECONDS);

            harness.settle();
            assertThat(harness.violations(java.util.List.of(email), java.util.List.of(stalled, answer)))
                    .as("stalled: %s%nnewer: %s", stalled, answer).isEmpty();
        }
    }

    private ProvisionAdmin engine(CognitoGateway cognito, AdminRecords records, Journal journal) {
        TransactionOperations transactions = context.getBean(TransactionOperations.class);
        AuditTrail audit = context.getBean(AuditTrail.class);
        Idempotency idempotency = new Idempotency(journal, context.getBean(JsonMapper.class), EngineHarness.PROPERTIES);
        Compensation compensation = new Compensation(journal, idempotency, audit);
        return new ProvisionAdmin(cognito, records, journal, idempotency, new Ownership(records, journal),
                new ProvisionEndings(cognito, journal, idempotency, compensation, audit), audit,
                new TemporaryPasswordGenerator(16), transactions, new EngineMetrics(new SimpleMeterRegistry()));
    }

    private Actor bootstrapActor() {
        AdminAccount admin = context.getBean(AdminRecords.class)
                .findByEmail(context.getBean(BootstrapProperties.class).email()).orElseThrow();
        return new Actor(admin.id(), admin.email());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the interleaving did not happen");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A mock that calls {@code real}, after {@code before} ran with the method's name. */
    private static <T> T delegating(Class<T> type, T real, java.util.function.Consumer<String> before) {
        return mock(type, withSettings().defaultAnswer(invocation -> {
            if (before != null) {
                before.accept(invocation.getMethod().getName());
            }
            return invoke(invocation.getMethod(), real, invocation.getArguments());
        }));
    }

    /** A mock that calls {@code real}, then runs {@code after} with the method's name before answering. */
    private static <T> T delegatingAfter(Class<T> type, T real, java.util.function.Consumer<String> after) {
        return mock(type, withSettings().defaultAnswer(invocation -> {
            Object result = invoke(invocation.getMethod(), real, invocation.getArguments());
            after.accept(invocation.getMethod().getName());
            return result;
        }));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            method.setAccessible(true);
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
