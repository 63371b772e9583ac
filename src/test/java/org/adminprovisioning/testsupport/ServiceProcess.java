package org.adminprovisioning.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The service as an operator starts it: a JVM of its own ({@link CrashableApplication} on the test
 * class path), configured by environment variables only, its output in
 * {@code target/service-processes/<name>.log}. For properties that live in the process, not in a
 * Spring context: the address it binds, whether it starts at all.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path DIRECTORY = Path.of("target", "service-processes");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;

    private ServiceProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts the service with these environment variables on a free port ({@code SERVER_PORT} is set). */
    public static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        Files.createDirectories(DIRECTORY);
        int port = freePort();
        Path classpathFile = DIRECTORY.resolve(name + ".classpath");
        Files.writeString(classpathFile, "-cp \"" + testClasspath().replace("\\", "\\\\") + "\"");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "@" + classpathFile.toAbsolutePath(),
                CrashableApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(DIRECTORY.resolve(name + ".log").toFile());
        // Only what the test names: nothing of the build's own environment (SPRING_*, PROVISIONING_*) leaks in.
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("PROVISIONING_")
                || key.startsWith("SERVER_") || key.startsWith("COGNITO_"));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, builder.start(), port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /actuator/health} answers 200 on loopback; fails with the log if the process dies. */
    public ServiceProcess awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " died on start (exit " + process.exitValue() + "):\n" + log());
            }
            if (status("127.0.0.1", "/actuator/health") == 200) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not start within " + timeout + ":\n" + log());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    /** The HTTP status of a GET on this host, or -1 when nothing accepts the connection there. */
    public int status(String host, String path) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + authority + ":" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String log() throws IOException {
        Path log = DIRECTORY.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The forked test JVM's full class path (surefire hides it behind a manifest-only jar). */
    private static String testClasspath() throws IOException {
        String classpath = System.getProperty("java.class.path");
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries[0])) {
                String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    List<String> resolved = new ArrayList<>();
                    for (String entry : manifestPath.trim().split(" +")) {
                        resolved.add(Path.of(new URI(entry)).toString());
                    }
                    return String.join(File.pathSeparator, resolved);
                }
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return classpath;
    }
}
