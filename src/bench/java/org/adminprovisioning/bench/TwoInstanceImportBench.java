package org.adminprovisioning.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * B4 (two instances): two service processes from the packaged jar on one PostgreSQL schema, so their
 * limiters share the pacing buckets, each importing its own 1,000-row file at the same moment. Each
 * process has its own quota-faithful in-memory pool at the quota's rates; what is shared, and measured,
 * is the limiter: together at most the quota (no throttle reaches a row) and at least 90% of it.
 */
final class TwoInstanceImportBench {

    static final int ROWS = 1_000;
    /** The shared bucket holds a fifth of a second's worth (QuotaLimiter): the most a start can burst. */
    static final int BURST = ImportBench.QUOTA / 5;
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final BenchTable table;
    private final String schema = "bench_b4_" + ProcessHandle.current().pid();
    private final HttpClient client = HttpClient.newHttpClient();

    TwoInstanceImportBench(BenchTable table) {
        this.table = table;
    }

    void measure() throws Exception {
        if (!reachable()) {
            table.note("B4 two instances: skipped, no PostgreSQL on 127.0.0.1:5432");
            return;
        }
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        List<Process> processes = new ArrayList<>();
        try {
            URI a = start("a", "admin@example.com", processes);
            String tokenA = signIn(a, "admin@example.com");
            // Each process's in-memory pool knows only the bootstrap admin it created, and a process creates
            // one only when the database has no active admin: the first one steps aside while the second starts.
            sql("UPDATE users SET status = 'DISABLED' WHERE email = 'admin@example.com'");
            URI b = start("b", "admin-b@example.com", processes);
            String tokenB = signIn(b, "admin-b@example.com");
            sql("UPDATE users SET status = 'ACTIVE' WHERE email = 'admin@example.com'");
            importAtOnce(a, tokenA, b, tokenB);
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor();
            }
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void importAtOnce(URI a, String tokenA, URI b, String tokenB) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<long[]> first = CompletableFuture.supplyAsync(() -> run(a, tokenA, "b4a", go));
        CompletableFuture<long[]> second = CompletableFuture.supplyAsync(() -> run(b, tokenB, "b4b", go));
        go.countDown();
        long[] x = first.join();
        long[] y = second.join();
        // {start nanos, finish nanos, created, failed}
        double span = (Math.max(x[1], y[1]) - Math.min(x[0], y[0])) / 1e9;
        long created = x[2] + y[2];
        double rate = created / span;
        double ceiling = (ImportBench.QUOTA * span + BURST) / span;
        table.add("B4", "two instances on PostgreSQL, two files of 1,000 at once: admins/s together",
                String.format(Locale.ROOT, "%.1f/s = %.0f%% (%d in %.1f s; a %d, b %d)", rate,
                        100 * rate / ImportBench.QUOTA, created, span, x[2], y[2]),
                "≤ " + ImportBench.QUOTA + "/s (+" + BURST + " burst), ≥ 90%",
                rate <= ceiling && rate >= 0.9 * ImportBench.QUOTA);
        long throttled = throttled(a, tokenA) + throttled(b, tokenB);
        table.add("B4", "two instances: throttled Cognito attempts / failed rows", throttled + " / " + (x[3] + y[3]),
                "0 / 0", throttled == 0 && x[3] + y[3] == 0);
        long[] counts = counts();
        long lost = 2 * ROWS - Math.min(2 * ROWS, Math.min(counts[1], created));
        long duplicated = (counts[0] - counts[1]) + Math.max(0, created - 2 * ROWS);
        table.add("B4", "two instances: lost / duplicated (records and created against rows)",
                lost + " / " + duplicated + " (records " + counts[0] + ", distinct " + counts[1] + ", created "
                        + created + ")", "0 / 0", lost == 0 && duplicated == 0);
    }

    /** One import, started when {@code go} opens: {start, finish, created, failed}. */
    private long[] run(URI base, String token, String prefix, CountDownLatch go) {
        try {
            StringJoiner emails = new StringJoiner(",", "{\"emails\":[", "]}");
            for (int i = 0; i < ROWS; i++) {
                emails.add("\"" + prefix + "-" + i + "@bench.example.com\"");
            }
            HttpRequest post = LoadGenerator.to(base.resolve("/admins/import"), token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(emails.toString())).build();
            go.await();
            long start = System.nanoTime();
            HttpResponse<String> started = client.send(post, HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException(base + " answered " + started.statusCode() + ": " + started.body());
            }
            String id = PerformanceBench.field(started.body(), "importId");
            String status;
            do {
                Thread.sleep(100);
                status = client.send(LoadGenerator.to(base.resolve("/admins/import/" + id), token).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } while (!status.contains("\"state\":\"COMPLETED\"")
                    && System.nanoTime() - start < Duration.ofMinutes(10).toNanos());
            return new long[] {start, System.nanoTime(), count(status, "created"), count(status, "failed")};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throttled Cognito attempts this process counted ({@code cognito.calls{outcome=throttled}}). */
    private long throttled(URI base, String token) throws Exception {
        String metrics = client.send(LoadGenerator.to(base.resolve("/actuator/prometheus"), token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        if (!metrics.contains("cognito_calls_seconds_count")) {
            throw new IllegalStateException("No cognito_calls_seconds_count in " + base + "/actuator/prometheus");
        }
        return metrics.lines().filter(l -> l.startsWith("cognito_calls_seconds_count") && l.contains("outcome=\"throttled\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** {records, distinct emails} of both files' admins. */
    private long[] counts() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT email) FROM " + schema
                        + ".users WHERE email LIKE 'b4a-%' OR email LIKE 'b4b-%'")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Starts the packaged jar on this schema, as B4's single instance is configured; waits until it is healthy. */
    private URI start(String name, String bootstrapEmail, List<Process> processes) throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("admin-provisioning-service-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No jar in target/: package first"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port,
                "--spring.datasource.url=" + SERVER + "?currentSchema=" + schema,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                // The sandbox's in-memory pool over a persistent database: refused unless it is said to be disposable.
                "--provisioning.dev.disposable-state=true",
                "--provisioning.bootstrap-admin.email=" + bootstrapEmail,
                "--provisioning.bootstrap-admin.password=" + PerformanceBench.PASSWORD,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        command.addAll(List.of(ImportBench.ARGUMENTS));
        Files.createDirectories(Path.of("target", "bench"));
        File log = new File("target/bench/b4-instance-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("PROVISIONING_")
                || key.startsWith("SERVER_") || key.startsWith("COGNITO_"));
        Process process = builder.start();
        processes.add(process);
        URI base = URI.create("http://127.0.0.1:" + port);
        long started = System.nanoTime();
        while (System.nanoTime() - started < Duration.ofMinutes(5).toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited with " + process.exitValue()
                        + ", see " + log);
            }
            try {
                // Readiness, not health: the quota-faithful pool has no DescribeUserPool, so the Cognito
                // indicator reports DOWN under these arguments (B4's single instance, in this JVM, never asks).
                if (client.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return base;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("instance " + name + " was not healthy within 5 minutes, see " + log);
    }

    /** The admin's access token; retried while the bootstrap runner (after the web server's start) finishes. */
    private String signIn(URI base, String email) throws Exception {
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            answer = client.send(HttpRequest.newBuilder(base.resolve("/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + email + "\",\"password\":\"" + PerformanceBench.PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return PerformanceBench.field(answer.body(), "accessToken");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(email + " cannot sign in at " + base + ": " + answer.statusCode());
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER, "postgres", "");
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long count(String status, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)")
                .matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
