package org.adminprovisioning.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * B6: cold start of a new process to its first healthy {@code /actuator/health}, for the fat jar
 * ({@code java -jar}) and the documented fast start ({@code bin/fast-start}, trained once first), on
 * this JVM's JDK and on JDK 25 when it is installed. The median of {@code bench.starts} runs each.
 */
final class StartBench {

    private static final int RUNS = Integer.getInteger("bench.starts", 3);
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final BenchTable table;

    StartBench(BenchTable table) {
        this.table = table;
    }

    void measure() throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("admin-provisioning-service-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No jar in target/: package first"));
        }
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String feature = System.getProperty("java.specification.version");
        startsOf("fat jar, JDK " + feature, List.of(java17, "-jar", jar.toString()), null, false);
        startsOf("bin/fast-start, JDK " + feature, List.of("bin/fast-start"), java17, true);
        if (Files.isExecutable(JDK25)) {
            startsOf("fat jar, JDK 25", List.of(JDK25.toString(), "-jar", jar.toString()), null, false);
            startsOf("bin/fast-start, JDK 25", List.of("bin/fast-start"), JDK25.toString(), true);
        }
    }

    private void startsOf(String what, List<String> command, String fastStartJava, boolean fastStart)
            throws Exception {
        if (fastStart) {
            start(command, fastStartJava); // trains the cache once; not measured
        }
        double[] seconds = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            double[] run = start(command, fastStartJava);
            seconds[i] = run[0];
            cpu[i] = run[1];
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        double median = seconds[RUNS / 2];
        String runs = Arrays.toString(Arrays.stream(seconds).mapToObj(s -> String.format(Locale.ROOT, "%.1f", s))
                .toArray());
        table.add("B6", "cold start to healthy, " + what, String.format(Locale.ROOT, "%.1f s (runs %s)", median, runs),
                fastStart ? "≤ 5 s (stretch 3 s)" : "", fastStart ? median <= 5.0 : null);
        // CPU time is what a busy machine cannot hide: wall time there is mostly waiting for a core.
        table.add("B6", "CPU time to healthy, " + what, String.format(Locale.ROOT, "%.1f s", cpu[RUNS / 2]), "", null);
    }

    /** Seconds from the process's start to its first 200 from {@code /actuator/health}, and its CPU seconds then. */
    private static double[] start(List<String> command, String fastStartJava) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> full = new ArrayList<>(command);
        full.add("--server.port=" + port);
        full.add("--spring.main.banner-mode=off");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(new File("target/bench/start-" + port + ".log"));
        if (fastStartJava != null) {
            builder.environment().put("FAST_START_JAVA", fastStartJava);
        }
        Files.createDirectories(Path.of("target", "bench"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (System.nanoTime() - started < Duration.ofMinutes(5).toNanos()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue());
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        double cpu = process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
                        Files.deleteIfExists(Path.of("target/bench/start-" + port + ".log"));
                        return new double[] {seconds, cpu};
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException(command + " was not healthy within 5 minutes");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
