package org.adminprovisioning.bulkimport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs imports in the background on bounded thread pools: at most {@code max-running} imports per
 * instance, each with at most {@code concurrency} rows in flight. An instance runs an import only while
 * it holds its lease in the database, renewed as it goes; every {@code resume-interval} each instance
 * takes over running imports whose lease expired (a crash, a restart), so exactly one instance runs
 * an import and a journaled import always finishes.
 */
@Component
class ImportRunner implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final ImportStore store;
    private final RowProvisioner rows;
    private final ImportProperties properties;
    private final ImportMetrics metrics;
    private final Clock clock;
    private final String owner = "instance-" + UUID.randomUUID();
    private final ExecutorService drivers;
    private final ExecutorService workers;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    /** Imports launched again while their run here was ending (a resume right after the pause). */
    private final Set<UUID> launchedAgain = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();

    ImportRunner(ImportStore store, RowProvisioner rows, ImportProperties properties, MeterRegistry meters,
            Clock clock) {
        this.store = store;
        this.rows = rows;
        this.properties = properties;
        this.metrics = new ImportMetrics(meters);
        this.clock = clock;
        this.drivers = Executors.newFixedThreadPool(properties.maxRunning(), named("import-runner"));
        this.workers = Executors.newFixedThreadPool(properties.maxRunning() * properties.concurrency(),
                named("import-row"));
    }

    ImportMetrics metrics() {
        return metrics;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::resumeUnclaimed, properties.resumeInterval(),
                Duration.ofSeconds(1)));
    }

    /** Runs the import on this instance unless it runs here already (or another instance holds it). */
    void launch(UUID importId) {
        if (stopping.get()) {
            return;
        }
        if (!running.add(importId)) {
            launchedAgain.add(importId);
            return;
        }
        try {
            drivers.execute(() -> {
                try {
                    drive(importId);
                } catch (RuntimeException e) {
                    log.warn("Import {} stopped on this instance, another run resumes it: {}", importId, e.toString());
                } finally {
                    running.remove(importId);
                    if (launchedAgain.remove(importId)) {
                        launch(importId);
                    }
                }
            });
        } catch (RuntimeException rejected) {
            running.remove(importId); // shutting down: another instance resumes it
        }
    }

    void resumeUnclaimed() {
        try {
            store.unclaimed(clock.instant()).forEach(this::launch);
        } catch (RuntimeException e) {
            log.warn("Looking for imports to resume failed: {}", e.toString());
        }
    }

    private void drive(UUID importId) {
        Instant now = clock.instant();
        if (!store.claim(importId, owner, now, now.plus(properties.lease()))) {
            return;
        }
        ImportStore.Job job = store.find(importId).orElseThrow();
        log.info("Running import {} ({} rows) for {}", importId, job.total(), job.requestedEmail());
        Run run = new Run(job);
        boolean finished = false;
        try {
            finished = run.loop();
        } finally {
            run.awaitInFlight();
            if (!finished) {
                store.release(importId, owner);
            }
        }
    }

    /** One instance's run of one import. */
    private final class Run {

        private final ImportStore.Job job;
        private final Semaphore slots = new Semaphore(properties.concurrency());
        private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
        private final BlockingQueue<Integer> done = new LinkedBlockingQueue<>();
        private final AtomicBoolean paused = new AtomicBoolean();
        private final AtomicInteger pending = new AtomicInteger();
        private Instant renewAt;

        Run(ImportStore.Job job) {
            this.job = job;
            this.renewAt = clock.instant().plus(properties.lease().dividedBy(3));
        }

        /** @return whether the import completed */
        boolean loop() {
            while (!paused.get() && !stopping.get() && keepLease()) {
                List<ImportStore.Pending> due = store.due(job.id(), clock.instant(), Set.copyOf(inFlight),
                        properties.concurrency() * 4);
                if (due.isEmpty()) {
                    if (inFlight.isEmpty()) {
                        Optional<Instant> next = store.nextDue(job.id());
                        if (next.isEmpty()) {
                            store.complete(job.id(), owner, clock.instant());
                            log.info("Import {} completed", job.id());
                            return true;
                        }
                        waitForRow(Duration.between(clock.instant(), next.get()));
                    } else {
                        waitForRow(IDLE_POLL);
                    }
                    continue;
                }
                for (ImportStore.Pending row : due) {
                    if (paused.get() || stopping.get() || !takeSlot()) {
                        break;
                    }
                    inFlight.add(row.line());
                    workers.execute(() -> {
                        try {
                            tryRow(row);
                        } finally {
                            inFlight.remove(row.line());
                            slots.release();
                            done.add(row.line());
                        }
                    });
                }
            }
            return false;
        }

        private void tryRow(ImportStore.Pending row) {
            try {
                RowProvisioner.Result result = rows.provision(job, row);
                Instant now = clock.instant();
                if (result instanceof RowProvisioner.Decided decided) {
                    store.decide(job.id(), row.line(), decided.outcome(), decided.problemType(), decided.detail());
                    metrics.decided(decided.outcome());
                } else if (result instanceof RowProvisioner.Retry retry) {
                    store.retryLater(job.id(), row.line(), retry.attempt(), now.plus(retry.after()), retry.detail());
                    metrics.retried(retry.throttled());
                } else if (result instanceof RowProvisioner.EmailQuotaSpent spent) {
                    store.retryLater(job.id(), row.line(), spent.attempt(), now, spent.detail());
                    if (store.pause(job.id(), now)) {
                        log.error("Import {} paused: Cognito's daily email quota is spent ({}). Resume it with "
                                + "POST /admins/import/{}/resume once the quota resets or the pool sends through "
                                + "Amazon SES", job.id(), spent.detail(), job.id());
                        metrics.paused();
                    }
                    paused.set(true);
                }
            } catch (RuntimeException e) {
                // Recording failed: the row stays pending, and its key's replay answers the next try.
                log.warn("Import {} line {}: {}", job.id(), row.line(), e.toString());
            }
        }

        private boolean takeSlot() {
            try {
                while (!slots.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (!keepLease()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private boolean keepLease() {
            Instant now = clock.instant();
            if (now.isBefore(renewAt)) {
                return true;
            }
            renewAt = now.plus(properties.lease().dividedBy(3));
            return store.renew(job.id(), owner, now.plus(properties.lease()));
        }

        private void waitForRow(Duration atMost) {
            long millis = Math.max(1, Math.min(atMost.toMillis(), IDLE_POLL.toMillis()));
            try {
                done.poll(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.set(true);
            }
        }

        void awaitInFlight() {
            try {
                slots.tryAcquire(properties.concurrency(), properties.lease().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets rows in flight finish, then gives the leases up so another instance resumes at once. */
    @Override
    public void destroy() throws InterruptedException {
        stopping.set(true);
        drivers.shutdown();
        drivers.awaitTermination(10, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        drivers.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
