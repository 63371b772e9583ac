package org.adminprovisioning.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm package pinned in a folder of ours ({@code package.json}, {@code package-lock.json} and its
 * scripts under {@code src/test/node/<name>}), installed with {@code npm ci} into
 * {@code target/node/<name>} when the installed tree is missing or older than the lock file, so nobody
 * installs it by hand (as {@code CognitoLocalEmulator} installs cognito-local).
 *
 * @param directory where it is installed, with its scripts
 * @param node      the {@code node} executable, or {@code null} when it cannot run here
 * @param reason    why it cannot run here, or {@code null}
 */
public record PinnedNodePackage(Path directory, Path node, String reason) {

    public boolean available() {
        return node != null;
    }

    /** Installs {@code src/test/node/<name>} unless its lock file is installed already. */
    public static synchronized PinnedNodePackage install(String name) {
        Path pinned = Path.of("src", "test", "node", name);
        Path target = Path.of("target", "node", name).toAbsolutePath();
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            return new PinnedNodePackage(target, null, "node and npm are not on the PATH (" + name + " is an npm package)");
        }
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(pinned)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            byte[] lock = Files.readAllBytes(pinned.resolve("package-lock.json"));
            Path marker = target.resolve("node_modules/.installed-package-lock.json");
            if (Files.exists(marker) && Arrays.equals(Files.readAllBytes(marker), lock)) {
                return new PinnedNodePackage(target, node.get(), null);
            }
            Path log = target.resolve("npm-ci.log");
            Process npmCi = new ProcessBuilder(npm.get().toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(target.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npmCi.waitFor(5, TimeUnit.MINUTES)) {
                npmCi.destroyForcibly();
                return new PinnedNodePackage(target, null, "npm ci of " + name + " did not finish within 5 minutes");
            }
            if (npmCi.exitValue() != 0) {
                return new PinnedNodePackage(target, null, "npm ci of " + name + " failed (exit " + npmCi.exitValue()
                        + "): " + String.join("\n", Files.readAllLines(log)));
            }
            Files.write(marker, lock);
            return new PinnedNodePackage(target, node.get(), null);
        } catch (IOException e) {
            return new PinnedNodePackage(target, null, "could not install " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PinnedNodePackage(target, null, "interrupted while installing " + name);
        }
    }

    /** Runs {@code node <script> <arguments…>} in the installed directory; returns its stdout. */
    public String run(String script, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(node.toString(), script));
        command.addAll(arguments);
        Path errors = Files.createTempFile(directory, "stderr-", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("node " + script + " failed: " + Files.readString(errors));
        }
        return out;
    }

    private static Optional<Path> onPath(String name) {
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
}
