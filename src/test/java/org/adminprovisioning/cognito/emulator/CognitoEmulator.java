package org.adminprovisioning.cognito.emulator;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Cognito emulator running as a child process on a free loopback port, for the end-to-end
 * suites. Each implementation knows how to start its emulator, where the pool's issuer and JWKS
 * are, how to read a temporary password from the emulator's own state (the "email"), and which
 * scenarios hit one of its documented gaps.
 */
public abstract class CognitoEmulator implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process process;
    private int port;
    private Path log;
    private Thread shutdownHook;

    /** A short name for messages: "moto", "cognito-local". */
    public abstract String name();

    /** The version this suite was written against (what the gaps were measured on). */
    public abstract String version();

    /** The emulator's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The {@code iss} claim of the pool's tokens. */
    public abstract String issuer(String poolId);

    /** Where the pool's signing keys are served. */
    public String jwkSetUri(String poolId) {
        return endpoint() + "/" + poolId + "/.well-known/jwks.json";
    }

    /** The {@code kid} the emulator signs with (one fixed key in both emulators). */
    public abstract String signingKeyId();

    /** The temporary password Cognito would have emailed, read from the emulator's state. */
    public abstract String temporaryPassword(String poolId, String email);

    /**
     * The password-reset code Cognito would have emailed after {@code ForgotPassword}, read from the
     * emulator's state; empty while there is none.
     */
    public abstract Optional<String> resetCode(String poolId, String email);

    /** The documented gap that stops the scenario on this emulator, if any. */
    public abstract Optional<String> gap(EmulatorGap gap);

    /** The command line that starts the emulator on the given port. */
    protected abstract List<String> command(int port);

    /** Environment for the child process. */
    protected Map<String, String> environment(int port) {
        return Map.of();
    }

    /** The working directory of the child process. */
    protected abstract Path workingDirectory();

    /** Whether the emulator answers yet. */
    protected abstract boolean ready();

    /** Starts the emulator on a free 127.0.0.1 port and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            port = freePort();
            log = workingDirectory().resolve(name() + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command(port)).directory(workingDirectory().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment(port));
            process = builder.start();
            shutdownHook = new Thread(this::stop, name() + "-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                if (ready()) {
                    return;
                }
                Thread.sleep(100);
            }
            // Lost the port to someone else, or the emulator died: try again on another port.
            lastFailure = new IOException(name() + " did not become ready on port " + port + ": " + tail(log));
            close();
        }
        throw lastFailure;
    }

    /** Stops the emulator and whatever it started. */
    @Override
    public void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook itself is running.
            }
            shutdownHook = null;
        }
    }

    private void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        // moto_server is a pyenv shim that execs Python; node is direct. Stop children first anyway.
        running.descendants().forEach(ProcessHandle::destroy);
        running.destroy();
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    protected int port() {
        return port;
    }

    protected boolean answers(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(endpoint().resolve(path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    protected String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint().resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(name() + " answered " + response.statusCode() + " to GET " + path);
        }
        return response.body();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The first executable called {@code name} on the PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + " " + version() + " at " + endpoint();
    }
}
