package org.adminprovisioning.provisioning;

import org.adminprovisioning.bootstrap.BootstrapProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminInfos;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.User;
import org.adminprovisioning.admin.Users;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.inmemory.InMemoryOutbox;
import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.provisioning.SagaHarnessTest.HarnessClock;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * The saga and the reconciler of DESIGN §4, built from a {@link SagaHarnessTest} context with
 * fault-injecting wrappers around Cognito (a fresh in-memory pool per scenario), the journal and
 * the admin records; no HTTP. Runs provisioning requests, classifies their answers, lets the
 * reconciler settle everything, and lists every violation of "both or neither".
 */
final class SagaHarness implements AutoCloseable {

    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    static final ProvisioningProperties.Reconciler SETTINGS = new ProvisioningProperties.Reconciler(
            Duration.ofSeconds(30), STALE_AFTER, false, 10, Duration.ofSeconds(30), Duration.ofHours(1), 20,
            Duration.ofMinutes(15));
    private static final int SETTLE_ROUNDS = 30;

    /** How a client would read an answer. */
    enum Kind {
        /** 201: the admin exists and has this id. */
        CREATED,
        /** The request says nothing was created by it (503 rolled back, 400 refused). */
        NOTHING,
        /** Refused before it could create anything (409, 422): says nothing about the admin. */
        REFUSED,
        /** The outcome is open (503 unavailable, 500, or no answer: the process died). */
        UNKNOWN
    }

    record Answer(String email, Kind kind, UUID adminId, String detail) {
    }

    final FaultPlan faults = new FaultPlan();
    final HarnessClock clock;
    final FaultInjectingCognitoGateway cognito;
    final FaultInjectingJournal journal;
    final FaultInjectingRecords records;
    final AdminProvisioningService saga;
    final Reconciler reconciler;

    private final ProvisioningRequests requests;
    private final Users users;
    private final AdminInfos adminInfos;
    private final CognitoProperties cognitoSettings;
    private final InMemoryTokenIssuer tokens;
    private final InMemoryOutbox outbox;
    private final AdminPrincipal inviter;
    private final ExecutorService otherInstance = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "other-instance-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    SagaHarness(ApplicationContext context, long seed) {
        this.clock = context.getBean(HarnessClock.class);
        this.requests = context.getBean(ProvisioningRequests.class);
        this.users = context.getBean(Users.class);
        this.adminInfos = context.getBean(AdminInfos.class);
        this.cognitoSettings = context.getBean(CognitoProperties.class);
        this.tokens = context.getBean(InMemoryTokenIssuer.class);
        this.outbox = context.getBean(InMemoryOutbox.class);
        this.cognito = new FaultInjectingCognitoGateway(faults, freshPool());
        this.journal = new FaultInjectingJournal(faults, context.getBean(ProvisioningJournal.class));
        this.records = new FaultInjectingRecords(faults, context.getBean(AdminRecords.class));
        TransactionOperations transactions = context.getBean(TransactionOperations.class);
        JsonMapper json = context.getBean(JsonMapper.class);
        AuditTrail audit = context.getBean(AuditTrail.class);
        ProvisioningProperties properties = context.getBean(ProvisioningProperties.class);
        this.saga = new AdminProvisioningService(cognito, records, journal, audit, new TemporaryPasswordGenerator(16),
                transactions, json, properties, clock);
        this.reconciler = new Reconciler(cognito, records, journal, audit, transactions, json, SETTINGS, clock,
                new Random(seed));
        User admin = users.findByEmail(context.getBean(BootstrapProperties.class).email()).orElseThrow();
        this.inviter = new AdminPrincipal(admin.getId(), admin.getCognitoUsername(), admin.getEmail());
        faults.onHang(this::otherInstanceReconcilesMeanwhile);
    }

    /** A new, empty Cognito pool for the next scenario (the database keeps its rows; emails never repeat). */
    void newPool() {
        cognito.delegateTo(freshPool());
    }

    private CognitoGateway freshPool() {
        return new AwsCognitoGateway(
                new InMemoryUserPool(cognitoSettings, PasswordPolicy.cognitoDefault(), tokens, outbox, clock),
                cognitoSettings);
    }

    /** {@code POST /admins} as the bootstrap admin, minus HTTP: the answer as a client would read it. */
    Answer provision(String email, String idempotencyKey) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken(inviter, null, "ROLE_ADMIN"));
        try {
            AdminResponse response = saga.provisionNewAdmin(email, idempotencyKey);
            return new Answer(normalized, Kind.CREATED, response.id(), "201");
        } catch (ProvisioningRolledBackException | InvalidInviteException e) {
            return new Answer(normalized, Kind.NOTHING, null, e.getClass().getSimpleName());
        } catch (AdminAlreadyExistsException | IdempotencyKeyReusedException | ProvisioningInProgressException
                | PreviousAttemptFailedException e) {
            return new Answer(normalized, Kind.REFUSED, null, e.getClass().getSimpleName());
        } catch (CognitoUnavailableException | ProvisioningInterruptedException e) {
            return new Answer(normalized, Kind.UNKNOWN, null, "503 " + e.getMessage());
        } catch (SimulatedCrash e) {
            return new Answer(normalized, Kind.UNKNOWN, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Answer(normalized, Kind.UNKNOWN, null, "500 " + e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** One reconciler pass of this instance; a failure or a crash of it is just logged by the schedule. */
    ReconciliationRun.Result reconcileOnce() {
        try {
            reconciler.run();
            return null;
        } catch (RuntimeException | SimulatedCrash e) {
            return ReconciliationRun.Result.SKIPPED;
        }
    }

    /** Moves the clock past the stale threshold (no call stays in flight that long). */
    void advancePastStale() {
        cognito.landLateCreate();
        clock.advance(STALE_AFTER.plusSeconds(1));
    }

    /**
     * Without faults, lets time pass and the reconciler run until no request is unfinished (or
     * gives up after {@value #SETTLE_ROUNDS} rounds; the invariant check then reports the rest).
     */
    void settle() {
        faults.enable(false);
        try {
            cognito.landLateCreate();
            for (int round = 0; round < SETTLE_ROUNDS && anythingLeftForTheReconciler(); round++) {
                clock.advance(SETTINGS.backoffMax().plus(STALE_AFTER).plusSeconds(1));
                reconcileOnce();
            }
        } finally {
            faults.enable(true);
        }
    }

    private boolean anythingLeftForTheReconciler() {
        return requests.countByStateIn(ProvisioningRequests.UNFINISHED) > 0
                || requests.countByStateAndNextAttemptAtIsNotNull(ProvisioningState.FAILED) > 0;
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

    /**
     * Every violation of the promise for these emails: Cognito user ⇔ User + AdminInfo (same
     * username, in the admin group), every journal row final, no admin created twice, every 201
     * names the admin that exists, and an email whose every answer said "nothing" has no admin.
     */
    List<String> violations(Collection<String> emails, List<Answer> answers) {
        List<String> violations = new ArrayList<>();
        Set<String> groupMembers = adminGroupMembers();
        Map<String, List<Answer>> byEmail = new LinkedHashMap<>();
        emails.forEach(email -> byEmail.put(email.toLowerCase(Locale.ROOT), new ArrayList<>()));
        answers.forEach(answer -> byEmail.computeIfAbsent(answer.email(), e -> new ArrayList<>()).add(answer));
        for (Map.Entry<String, List<Answer>> entry : byEmail.entrySet()) {
            int before = violations.size();
            String email = entry.getKey();
            Optional<CognitoUser> cognitoUser = cognito.delegate().findUser(email);
            Optional<User> user = users.findByEmail(email);
            boolean adminInfo = user.isPresent() && adminInfos.findByUserId(user.get().getId()).isPresent();
            if (cognitoUser.isPresent() != user.isPresent()) {
                violations.add(email + ": Cognito user " + cognitoUser.map(CognitoUser::username).orElse("absent")
                        + " but User " + user.map(u -> u.getId().toString()).orElse("absent"));
            }
            if (user.isPresent() && !adminInfo) {
                violations.add(email + ": User without AdminInfo");
            }
            if (cognitoUser.isPresent() && user.isPresent()
                    && !cognitoUser.get().username().equals(user.get().getCognitoUsername())) {
                violations.add(email + ": User points at Cognito user " + user.get().getCognitoUsername()
                        + ", the pool has " + cognitoUser.get().username());
            }
            if (cognitoUser.isPresent() && !groupMembers.contains(cognitoUser.get().username())) {
                violations.add(email + ": Cognito user not in the admin group");
            }
            List<ProvisioningRequest> journaled = requests.findByEmailOrderByCreatedAtAsc(email);
            journaled.stream().filter(r -> !r.isFinal()).forEach(r -> violations.add(email + ": request " + r.getId()
                    + " left " + r.getState() + (r.getNeedsAttentionSince() != null ? " (needs attention)" : "")
                    + ", last error " + r.getLastError()));
            long completed = journaled.stream().filter(r -> r.getState() == ProvisioningState.COMPLETED).count();
            if (completed > 1) {
                violations.add(email + ": " + completed + " requests COMPLETED: the admin was created twice");
            }
            Set<UUID> createdIds = new HashSet<>();
            boolean anyHope = false;
            for (Answer answer : entry.getValue()) {
                if (answer.kind() == Kind.CREATED) {
                    createdIds.add(answer.adminId());
                }
                anyHope |= answer.kind() == Kind.CREATED || answer.kind() == Kind.UNKNOWN;
            }
            if (!createdIds.isEmpty() && (user.isEmpty() || !createdIds.equals(Set.of(user.get().getId())))) {
                violations.add(email + ": answered 201 with " + createdIds + " but the admin is "
                        + user.map(u -> u.getId().toString()).orElse("absent") + " (lost)");
            }
            if (!anyHope && user.isPresent()) {
                violations.add(email + ": every answer said nothing was created, yet admin " + user.get().getId()
                        + " exists");
            }
            if (violations.size() > before) {
                journaled.forEach(r -> violations.add(email + " journal: " + r.getState() + " failure="
                        + r.getFailureType() + " cognitoUsername=" + r.getCognitoUsername() + " attempts="
                        + r.getAttempts() + " key=" + r.getIdempotencyKey() + " lastError=" + r.getLastError()));
            }
        }
        return violations;
    }

    private Set<String> adminGroupMembers() {
        Set<String> members = new HashSet<>();
        String token = null;
        do {
            CognitoUserPage page = cognito.delegate().listAdminGroupUsers(token);
            page.users().forEach(user -> members.add(user.username()));
            token = page.nextToken();
        } while (token != null);
        return members;
    }

    @Override
    public void close() {
        otherInstance.shutdownNow();
    }
}
