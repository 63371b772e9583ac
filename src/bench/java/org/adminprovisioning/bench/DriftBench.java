package org.adminprovisioning.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * B5: the drift report over HTTP at n admins, all agreeing, against the bare paged listing of the
 * admin group (the same gateway, 20 ms per Cognito call, as across a network): its Cognito calls,
 * its time, and its peak heap above the heap it started from (the pool and H2 live in the same heap,
 * so the heap's total grows with n whatever the report does).
 */
final class DriftBench {

    private static final long LATENCY = 20;

    private final ConfigurableApplicationContext service;
    private final URI base;
    private final String token;
    private final BenchTable table;
    private final List<long[]> heaps = new ArrayList<>();
    private int seeded;

    DriftBench(ConfigurableApplicationContext service, URI base, String token, BenchTable table) {
        this.service = service;
        this.base = base;
        this.token = token;
        this.table = table;
    }

    void measureAt(int admins) throws Exception {
        seedTo(admins);
        CognitoGateway cognito = service.getBean(CognitoGateway.class);
        BenchCognito.latencyMillis = LATENCY;
        try {
            long listingStart = System.nanoTime();
            int members = 0;
            String next = null;
            do {
                CognitoUserPage page = cognito.listAdminGroupUsers(next);
                members += page.users().size();
                next = page.nextToken();
            } while (next != null);
            double listing = (System.nanoTime() - listingStart) / 1e9;

            // The report's own memory: the largest live heap any GC during the report left behind, above the
            // live heap before it. (Heap used between GCs is mostly garbage not yet collected: eden's size.)
            System.gc();
            long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            LiveHeap live = LiveHeap.watch();
            long calls = BenchCognito.calls.get();
            long reportStart = System.nanoTime();
            HttpResponse<String> report = HttpClient.newHttpClient().send(
                    LoadGenerator.to(base.resolve("/admins/reconciliation"), token).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double took = (System.nanoTime() - reportStart) / 1e9;
            calls = BenchCognito.calls.get() - calls;
            live.stop();
            if (report.statusCode() != 200 || !report.body().contains("\"ghostCognitoUsers\":[]")
                    || !report.body().contains("\"orphanRecords\":[]")) {
                table.note("B5 at " + admins + ": the report answered " + report.statusCode() + ": "
                        + report.body().substring(0, Math.min(300, report.body().length())));
            }
            long allowed = (members + 59) / 60 + 5;
            String n = String.format(Locale.ROOT, "%,d", members);
            table.add("B5", "drift report at " + n + " admins: Cognito calls", Long.toString(calls), "≤ " + allowed,
                    calls <= allowed);
            table.add("B5", "drift report at " + n + " admins: time / bare listing",
                    String.format(Locale.ROOT, "%.2fs / %.2fs = %.2f×", took, listing, took / listing), "≤ 1.2×",
                    took / listing <= 1.2);
            long grew = Math.max(0, live.peakAfterGc() - baseline);
            heaps.add(new long[] {members, grew});
            table.add("B5", "drift report at " + n + " admins: peak live heap above its start",
                    String.format(Locale.ROOT, "%.1f MB (%d GCs during the report)", grew / 1048576.0, live.gcs()),
                    "", null);
        } finally {
            BenchCognito.latencyMillis = 0;
        }
    }

    void compareHeaps() {
        if (heaps.size() < 2) {
            return;
        }
        long small = heaps.get(0)[1];
        long large = heaps.get(1)[1];
        double ratio = (double) large / Math.max(1, small);
        // Below 8 MB apart the two are the same within a GC's granularity (one region of a 2 GB G1 heap is 1 MB).
        boolean same = (ratio >= 0.8 && ratio <= 1.2) || Math.abs(large - small) < 8L * 1048576;
        table.add("B5", "peak live heap, larger pool / smaller pool", String.format(Locale.ROOT, "%.2f× (%+.1f MB)",
                ratio, (large - small) / 1048576.0), "0.8× – 1.2× (or < 8 MB apart)", same);
    }

    /** Adds agreeing admins (an ACTIVE record and a confirmed group member each) until there are {@code admins}. */
    private void seedTo(int admins) {
        InMemoryUserPool pool = service.getBean(InMemoryUserPool.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> users = new ArrayList<>();
        List<Object[]> infos = new ArrayList<>();
        while (seeded < admins) {
            String email = "b5-" + seeded++ + "@bench.example.com";
            String username = pool.createConfirmedAdmin(email, "Seeded-Passw0rd!");
            UUID id = UUID.randomUUID();
            users.add(new Object[] {id, email, username, "ADMIN", "ACTIVE", now, now, 0L, email, username});
            infos.add(new Object[] {UUID.randomUUID(), id, now, now, now, 1});
            if (users.size() == 1_000 || seeded == admins) {
                jdbc.batchUpdate("INSERT INTO users (id, email, cognito_username, role, status, created_at, updated_at, "
                        + "version, live_email, live_cognito_username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", users);
                jdbc.batchUpdate("INSERT INTO admin_info (id, user_id, invited_at, activated_at, last_invite_sent_at, "
                        + "invite_count) VALUES (?, ?, ?, ?, ?, ?)", infos);
                users.clear();
                infos.clear();
            }
        }
    }
}
