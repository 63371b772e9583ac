package org.adminprovisioning.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;

import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * B4 (one instance): a bulk import of 2,000 admins against the quota-faithful in-memory pool (50
 * requests/s for the categories a provisioning uses, 20 ms a call), paced by the service's own limiter
 * at the same rates: its rate against the quota's, and no row lost or created twice.
 */
final class ImportBench {

    static final int ROWS = 2_000;
    static final int QUOTA = 50;
    /** What the service is started with for B4: the pool answers like Cognito, the limiter paces to match. */
    static final String[] ARGUMENTS = {"--cognito.in-memory.latency=20ms",
        "--cognito.in-memory.quotas.user-creation=" + QUOTA, "--cognito.in-memory.quotas.user-update=" + QUOTA,
        "--cognito.in-memory.quotas.user-read=120", "--cognito.in-memory.quotas.user-list=30",
        "--cognito.quotas.user-creation=" + QUOTA, "--cognito.quotas.user-update=" + QUOTA};

    private final ConfigurableApplicationContext service;
    private final URI base;
    private final String token;
    private final BenchTable table;

    ImportBench(ConfigurableApplicationContext service, URI base, String token, BenchTable table) {
        this.service = service;
        this.base = base;
        this.token = token;
        this.table = table;
    }

    void measure() throws Exception {
        InMemoryUserPool pool = service.getBean(InMemoryUserPool.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        int poolBefore = pool.size();
        StringJoiner emails = new StringJoiner(",", "{\"emails\":[", "]}");
        for (int i = 0; i < ROWS; i++) {
            emails.add("\"b4-" + i + "@bench.example.com\"");
        }
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<String> started = client.send(LoadGenerator.to(base.resolve("/admins/import"), token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(emails.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            table.note("B4: the import answered " + started.statusCode() + ": " + started.body());
            return;
        }
        String id = PerformanceBench.field(started.body(), "importId");
        String status;
        do {
            Thread.sleep(250);
            status = client.send(LoadGenerator.to(base.resolve("/admins/import/" + id), token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (!status.contains("\"state\":\"COMPLETED\"") && System.nanoTime() - start < Duration.ofMinutes(10).toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        int created = count(status, "created");
        double rate = created / seconds;
        table.add("B4", "import of 2,000 at " + QUOTA + "/s and 20 ms a call: admins/s",
                String.format(Locale.ROOT, "%.1f/s (%d in %.1f s)", rate, created, seconds),
                "≥ 95% of " + QUOTA + "/s", rate >= 0.95 * QUOTA);
        int inPool = pool.size() - poolBefore;
        Integer recorded = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE email LIKE 'b4-%'", Integer.class);
        Integer distinct = jdbc.queryForObject("SELECT COUNT(DISTINCT email) FROM users WHERE email LIKE 'b4-%'",
                Integer.class);
        int lost = ROWS - Math.min(ROWS, Math.min(inPool, recorded));
        int duplicated = Math.max(0, inPool - ROWS) + (recorded - distinct);
        table.add("B4", "lost / duplicated (pool users and records against rows)",
                lost + " / " + duplicated + " (pool +" + inPool + ", records " + recorded + ", failed "
                        + count(status, "failed") + ")", "0 / 0", lost == 0 && duplicated == 0);
    }

    private static int count(String status, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)")
                .matcher(status);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
