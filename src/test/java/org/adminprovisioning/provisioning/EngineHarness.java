package org.adminprovisioning.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.bootstrap.BootstrapProperties;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoException;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.inmemory.InMemoryOutbox;
import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.provisioning.EngineHarnessTest.HarnessClock;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * The engine (every operation, its compensation and the reconciler) built from an
 * {@link EngineHarnessTest} context with fault-injecting wrappers around Cognito (a fresh in-memory
 * pool per scenario), the journal and the admin records; no HTTP. Runs operations, classifies
 * their answers, lets the reconciler settle everything, and lists every violation of the invariant.
 */
final class EngineHarness implements AutoCloseable {

    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    static final ProvisioningProperties PROPERTIES = new ProvisioningProperties(16, 5, Duration.ofHours(24),
            new ProvisioningProperties.Reconciler(Duration.ofSeconds(30), STALE_AFTER, false, 10,
                    Duration.ofSeconds(30), Duration.ofHours(1), 20, Duration.ofMinutes(15)));
    private static final int SETTLE_ROUNDS = 30;
    private static final String PASSWORD = "Signed-In-Passw0rd!";

    /** How a client would read an answer. */
    enum Kind {
        /** The change holds, or will once the reconciler finished Cognito's part (201, 200, 202, 204). */
        CHANGED,
        /** The answer says nothing changed (503 rolled back, 400, a throttled 503). */
        NOTHING,
        /** Refused before anything happened (404, 409, 422, 429): says nothing about the admin. */
        REFUSED,
        /** The outcome is open (503 unavailable or interrupted, 500, or no answer: the process died). */
        UNKNOWN
    }

    record Answer(Operation operation, String email, Kind kind, UUID adminId, String detail) {
    }

    final FaultPlan faults = new FaultPlan();
    final HarnessClock clock;
    final FaultInjectingCognitoGateway cognito;
    final Journal journal;
    final AdminRecords records;
    final ProvisionAdmin provision;
    final ResendInvite resend;
    final DisableAdmin disable;
    final EnableAdmin enable;
    final OffboardAdmin offboard;
    final Reconciler reconciler;

    private final JdbcTemplate jdbc;
    private final CognitoProperties cognitoSettings;
    private final InMemoryTokenIssuer tokens;
    private final InMemoryOutbox outbox;
    private final Actor inviter;
    private InMemoryUserPool pool;
    private final ExecutorService otherInstance = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "other-instance-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    EngineHarness(ApplicationContext context, long seed) {
        this.clock = context.getBean(HarnessClock.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.cognitoSettings = context.getBean(CognitoProperties.class);
        this.tokens = context.getBean(InMemoryTokenIssuer.class);
        this.outbox = context.getBean(InMemoryOutbox.class);
        this.cognito = new FaultInjectingCognitoGateway(faults, freshPool());
        this.journal = FaultInjection.journal(faults, context.getBean(Journal.class));
        AdminRecords realRecords = context.getBean(AdminRecords.class);
        this.records = FaultInjection.records(faults, realRecords);
        TransactionOperations transactions = context.getBean(TransactionOperations.class);
        JsonMapper json = context.getBean(JsonMapper.class);
        AuditTrail audit = context.getBean(AuditTrail.class);
        Idempotency idempotency = new Idempotency(journal, json, PROPERTIES);
        Ownership ownership = new Ownership(realRecords, context.getBean(Journal.class));
        Compensation compensation = new Compensation(journal, idempotency, audit);
        ClaimEndings endings = new ClaimEndings(journal, audit);
        TemporaryPasswordGenerator passwords = new TemporaryPasswordGenerator(16);
        EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry());
        LateWrites lateWrites = new LateWrites(cognito, records, journal, idempotency, audit, transactions);
        DatabaseFirstChange change = new DatabaseFirstChange(records, journal, idempotency, audit, transactions,
                metrics, lateWrites);
        this.provision = new ProvisionAdmin(cognito, records, journal, idempotency, ownership,
                new ProvisionEndings(cognito, journal, idempotency, compensation, audit), audit, passwords,
                transactions, metrics);
        this.resend = new ResendInvite(cognito, records, journal, idempotency, endings, audit, passwords,
                transactions, PROPERTIES, clock, metrics);
        this.disable = new DisableAdmin(cognito, change, endings);
        this.enable = new EnableAdmin(cognito, records, journal, idempotency, compensation, endings, audit,
                transactions, metrics, lateWrites);
        this.offboard = new OffboardAdmin(cognito, change, endings);
        ProvisionReconciliation provisionPlan = new ProvisionReconciliation(cognito, records, journal, ownership,
                idempotency, endings, transactions, PROPERTIES, clock);
        this.reconciler = new Reconciler(List.of(provisionPlan, resend, disable, enable, offboard), journal, audit,
                PROPERTIES.reconciler(), clock, new Random(seed), metrics);
        AdminAccount admin = realRecords.findByEmail(context.getBean(BootstrapProperties.class).email()).orElseThrow();
        this.inviter = new Actor(admin.id(), admin.email());
        faults.onHang(this::otherInstanceReconcilesMeanwhile);
    }

    /** A new, empty Cognito pool for the next scenario (the database keeps its rows; emails never repeat). */
    void newPool() {
        cognito.delegateTo(freshPool());
    }

    private CognitoGateway freshPool() {
        pool = new InMemoryUserPool(cognitoSettings, PasswordPolicy.cognitoDefault(), tokens, outbox, clock);
        return new AwsCognitoGateway(pool, cognitoSettings);
    }

    /** {@code POST /admins} as the bootstrap admin, minus HTTP: the answer as a client would read it. */
    Answer provision(String email, String idempotencyKey) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        return answer(Operation.PROVISION, normalized, () -> provision.provision(
                new ProvisionCommand(EmailAddress.of(email), inviter, idempotencyKey)).admin().id());
    }

    /** Disables, enables or offboards the live admin with this email (refused when there is none). */
    Answer change(Operation operation, String email, String idempotencyKey) {
        Optional<AdminAccount> admin = records.findByEmail(email);
        if (admin.isEmpty()) {
            return new Answer(operation, email, Kind.REFUSED, null, "no live admin");
        }
        AdminChange request = new AdminChange(admin.get().id(), inviter, idempotencyKey);
        return answer(operation, email, () -> switch (operation) {
            case DISABLE -> disable.disable(request).admin().id();
            case ENABLE -> enable.enable(request).admin().id();
            case OFFBOARD -> offboard.offboard(request).admin().id();
            default -> throw new IllegalArgumentException(operation.name());
        });
    }

    Answer resend(String email) {
        return answer(Operation.RESEND, email, () -> {
            resend.resend(EmailAddress.of(email), inviter);
            return null;
        });
    }

    /** The admin signs in for the first time and chooses its password (no faults: not an operation). */
    void signIn(String email) {
        Optional<AdminAccount> admin = records.findByEmail(email);
        Optional<CognitoUser> user = admin.flatMap(found -> cognito.delegate().findUser(found.cognitoUsername()));
        if (user.isPresent() && user.get().enabled() && admin.get().status() == org.adminprovisioning.admin.AdminStatus.INVITED) {
            pool.adminSetUserPassword(r -> r.userPoolId(cognitoSettings.userPoolId()).username(user.get().username())
                    .password(PASSWORD).permanent(true));
            records.activate(user.get().username());
        }
    }

    private Answer answer(Operation operation, String email, Supplier<UUID> call) {
        try {
            return new Answer(operation, email, Kind.CHANGED, call.get(), "ok");
        } catch (OperationFailedException e) {
            return new Answer(operation, email, kindOf(e.reason()), null, e.reason() + ": " + e.getMessage());
        } catch (org.adminprovisioning.cognito.InvalidInviteException e) {
            return new Answer(operation, email, Kind.NOTHING, null, "400 " + e.getMessage());
        } catch (CognitoException e) {
            return new Answer(operation, email, Kind.UNKNOWN, null, "503 " + e.getMessage());
        } catch (SimulatedCrash e) {
            return new Answer(operation, email, Kind.UNKNOWN, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Answer(operation, email, Kind.UNKNOWN, null, "500 " + e);
        }
    }

    private static Kind kindOf(FailureReason reason) {
        return switch (reason) {
            case ROLLED_BACK, INVALID_INVITE, COGNITO_UNAVAILABLE -> Kind.NOTHING;
            case INTERRUPTED -> Kind.UNKNOWN;
            default -> Kind.REFUSED;
        };
    }

    /** One reconciler pass of this instance; a failure or a crash of it is just logged by the schedule. */
    void reconcileOnce() {
        try {
            reconciler.run();
        } catch (RuntimeException | SimulatedCrash e) {
            // The schedule logs it and runs again later.
        }
    }

    /** Moves the clock past the stale threshold (no call stays in flight that long). */
    void advancePastStale() {
        cognito.landLateCreate();
        clock.advance(STALE_AFTER.plusSeconds(1));
    }

    /**
     * Without faults, lets time pass and the reconciler run until nothing is left for it (or gives
     * up after {@value #SETTLE_ROUNDS} rounds; the invariant check then reports the rest).
     */
    void settle() {
        faults.enable(false);
        try {
            cognito.landLateCreate();
            for (int round = 0; round < SETTLE_ROUNDS && watchedEntries() > 0; round++) {
                clock.advance(PROPERTIES.reconciler().backoffMax().plus(STALE_AFTER).plusSeconds(1));
                reconcileOnce();
            }
        } finally {
            faults.enable(true);
        }
    }

    private long watchedEntries() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM admin_operations WHERE state IN "
                + "('STARTED', 'COGNITO_DONE', 'COMPENSATING', 'VERIFYING')", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * A HANG: this instance stalls past the stale threshold while another instance's reconciler
     * runs to its end; then the stalled call goes on.
     */
    private void otherInstanceReconcilesMeanwhile() {
        advancePastStale();
        Future<?> other = otherInstance.submit(this::reconcileOnce);
        try {
            other.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The other instance's reconciler blocked on the stalled one for 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Whether a user row with this id exists, live or offboarded. */
    boolean adminExists(UUID id) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE id = ?", Long.class, id);
        return rows != null && rows > 0;
    }

    /** Whether this admin is live (not offboarded). */
    boolean isLive(UUID id) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE id = ? AND live_email IS NOT NULL",
                Long.class, id);
        return rows != null && rows > 0;
    }

    /** Every violation of the invariant for these emails; see {@link EngineInvariant}. */
    List<String> violations(Collection<String> emails, List<Answer> answers) {
        Map<String, List<Answer>> byEmail = new LinkedHashMap<>();
        emails.forEach(email -> byEmail.put(email.toLowerCase(Locale.ROOT), new ArrayList<>()));
        answers.forEach(answer -> byEmail.computeIfAbsent(answer.email(), e -> new ArrayList<>()).add(answer));
        List<String> violations = new ArrayList<>();
        EngineInvariant invariant = new EngineInvariant(jdbc, cognito.delegate());
        byEmail.forEach((email, answered) -> violations.addAll(invariant.check(email, answered)));
        return violations;
    }

    @Override
    public void close() {
        otherInstance.shutdownNow();
    }
}
