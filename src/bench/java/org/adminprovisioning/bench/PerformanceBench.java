package org.adminprovisioning.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.adminprovisioning.AdminProvisioningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark suite of docs/performance.md, run by {@code ./mvnw -Pbench verify} (never by the
 * plain build): B1-B5 against services started in this JVM (default profile: in-memory pool, H2),
 * B4's two-instance part and B6 against processes started from the packaged jar. Each figure is
 * printed with its target and written to {@code target/bench/bench.json} and {@code bench.md}. It
 * measures; it never fails the build on a missed target.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PerformanceBench {

    static final String PASSWORD = "Bench-Passw0rd!";
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));
    static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    static final int CONNECTIONS = 8;
    static final BenchTable table = new BenchTable();

    static ConfigurableApplicationContext service;
    static URI base;
    static String token;
    static String bootstrapId;

    @BeforeAll
    static void startTheService() throws Exception {
        startService("bench");
    }

    /**
     * B1–B3 and B5 measure our code, not the account's quota: the service's pacing (on by default, e.g.
     * UserUpdate 25/s would cap B1 at 25 provisions/s) is off unless the figure sets {@code cognito.quotas.*}.
     */
    private static String[] withPacing(String... more) {
        if (java.util.Arrays.stream(more).anyMatch(argument -> argument.startsWith("--cognito.quotas."))) {
            return more;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(more),
                java.util.stream.Stream.of("--cognito.quotas.enabled=false")).toArray(String[]::new);
    }

    /** A fresh service in this JVM: its own H2 database and in-memory pool, the bootstrap admin signed in. */
    static void startService(String database, String... more) throws Exception {
        service = new SpringApplicationBuilder(AdminProvisioningApplication.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("benchClasspath", new BenchClasspath());
                    context.getBeanFactory().addBeanPostProcessor(new BenchCognito());
                })
                // Arguments, not default properties: application.properties must not override them.
                .run(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                        "--provisioning.bootstrap-admin.password=" + PASSWORD,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--spring.datasource.hikari.maximum-pool-size=16"), java.util.stream.Stream.of(withPacing(more)))
                        .toArray(String[]::new));
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        HttpClient client = HttpClient.newHttpClient();
        String signIn = client.send(HttpRequest.newBuilder(base.resolve("/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin@example.com\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        token = field(signIn, "accessToken");
        String admins = client.send(LoadGenerator.to(base.resolve("/admins?q=admin@example.com"), token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        bootstrapId = field(admins, "id");
    }

    @AfterAll
    static void writeTheTable() throws Exception {
        if (service != null) {
            service.close();
        }
        table.write(Path.of("target", "bench"), machine());
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores (%s), JDK %s (%s), %s %s; load average at the end %.1f",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("os.name"), System.getProperty("os.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static HttpRequest provision(String path, String prefix, long n) {
        return LoadGenerator.to(base.resolve(path), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + prefix + "-" + n + "@bench.example.com\"}"))
                .build();
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    @Test
    void b1_provisioning_againstTheNaiveBaseline() throws Exception {
        LoadGenerator load = new LoadGenerator(CONNECTIONS);
        BenchCognito.latencyMillis = 0;
        LoadGenerator.Result naive = load.run(n -> provision("/bench/naive-admins", "naive", n), 201, WARM_UP, MEASURE);
        LoadGenerator.Result real = load.run(n -> provision("/admins", "b1", n), 201, WARM_UP, MEASURE);
        table.add("B1", "POST /admins provisions/s", f(real.perSecond()), "≥ 1000/s", real.perSecond() >= 1000);
        table.add("B1", "POST /admins p50 / p99", ms(real.p50()) + " / " + ms(real.p99()), "", null);
        table.add("B1", "naive baseline provisions/s", f(naive.perSecond()), "", null);
        table.add("B1", "naive baseline p50 / p99", ms(naive.p50()) + " / " + ms(naive.p99()), "", null);
        double cost = naive.perSecond() / real.perSecond();
        table.add("B1", "safety cost (baseline rate / POST /admins rate)", String.format(Locale.ROOT, "%.2f×", cost),
                "≤ 1.5×", cost <= 1.5);
        if (real.errors() + naive.errors() > 0) {
            table.note("B1: " + real.errors() + " POST /admins and " + naive.errors() + " baseline answers were not 201");
        }
    }

    @Test
    void b2_authenticatedRead_againstHealth() throws Exception {
        LoadGenerator load = new LoadGenerator(CONNECTIONS);
        LoadGenerator.Result health = load.run(n -> LoadGenerator.to(base.resolve("/actuator/health"), null).build(),
                200, WARM_UP, MEASURE);
        LoadGenerator.Result read = load.run(n -> LoadGenerator.to(base.resolve("/admins/" + bootstrapId), token)
                .build(), 200, WARM_UP, MEASURE);
        table.add("B2", "GET /admins/{id} req/s", f(read.perSecond()), "", null);
        table.add("B2", "GET /actuator/health req/s", f(health.perSecond()), "", null);
        double ratio = read.perSecond() / health.perSecond();
        table.add("B2", "authenticated read / health", String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.7×",
                ratio >= 0.7);
    }

    @Test
    void b3_provisioning_addsAlmostNothingToWhatItWaitsFor() throws Exception {
        LoadGenerator load = new LoadGenerator(CONNECTIONS);
        BenchCognito.latencyMillis = 20;
        try {
            load.run(n -> provision("/admins", "b3w", n), 201, WARM_UP, Duration.ZERO);
            long before = BenchCognito.calls.get();
            LoadGenerator.Result real = load.run(n -> provision("/admins", "b3", n), 201, Duration.ZERO, MEASURE);
            double calls = (BenchCognito.calls.get() - before) / (double) Math.max(1, real.requests() + real.errors());
            double floor = calls * 20;
            table.add("B3", "Cognito calls per POST /admins", String.format(Locale.ROOT, "%.2f", calls), "", null);
            table.add("B3", "p50 at 20 ms per Cognito call", ms(real.p50()), "≤ " + ms(floor + 5),
                    real.p50() <= floor + 5);
            table.add("B3", "p99 at 20 ms per Cognito call", ms(real.p99()), "≤ " + ms(floor + 20),
                    real.p99() <= floor + 20);
        } finally {
            BenchCognito.latencyMillis = 0;
        }
    }

    @Test
    void b4_bulkImport_atTheQuota() throws Exception {
        service.close();
        startService("bench-import", ImportBench.ARGUMENTS);
        new ImportBench(service, base, token, table).measure();
        new TwoInstanceImportBench(table).measure();
    }

    @Test
    void b5_driftReport_atTenThousandAndAHundredThousandAdmins() throws Exception {
        // A fresh service: B1's baseline admins are not in the admin group (drift, by design of the baseline),
        // and B5 is measured at exactly 10,000 and 100,000 admins.
        service.close();
        System.gc();
        startService("bench-drift");
        DriftBench drift = new DriftBench(service, base, token, table);
        drift.measureAt(10_000);
        drift.measureAt(100_000);
        drift.compareHeaps();
    }

    @Test
    void b6_coldStart() throws Exception {
        new StartBench(table).measure();
    }
}
