package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.PinnedNodePackage;
import org.junit.jupiter.api.Test;

/**
 * The Postman collection of {@code docs/postman} — the README's walk-through and its problem cases, with
 * Postman tests — run by newman (pinned in {@code src/test/node/newman}, installed by {@code npm ci})
 * against the started service, signed in as its bootstrap admin. Skipped with the reason where Node.js
 * is missing, failed under {@code CI=true}. Newman's report: {@code target/newman/}.
 */
class NewmanCollectionTests extends EndToEndTestSupport {

    private static final Path COLLECTION = Path.of("docs", "postman", "admin-provisioning.postman_collection.json");

    @Test
    void thePostmanCollection_passesAgainstTheRunningService() throws Exception {
        PinnedNodePackage newman = PinnedNodePackage.install("newman");
        Peers.assumeAvailable("Node.js (for newman)", newman.available(), newman.reason());
        Path reports = Files.createDirectories(Path.of("target", "newman"));
        Path output = reports.resolve("newman.log");

        Process run = new ProcessBuilder(List.of(newman.node().toString(),
                newman.directory().resolve("node_modules/newman/bin/newman.js").toString(), "run",
                COLLECTION.toAbsolutePath().toString(),
                "--env-var", "baseUrl=http://127.0.0.1:" + port,
                "--env-var", "bootstrapEmail=" + BOOTSTRAP_EMAIL,
                "--env-var", "bootstrapPassword=" + BOOTSTRAP_PASSWORD,
                "--reporters", "cli,junit", "--reporter-junit-export", reports.resolve("junit.xml").toString(),
                "--color", "off", "--disable-unicode", "--timeout-request", "30000"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = run.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);

        assertThat(finished).as("newman finished within 3 minutes").isTrue();
        assertThat(run.exitValue()).as("newman's exit code; its report:\n%s", log).isZero();
        assertThat(log).contains("The bootstrap admin signs in").contains("Offboard it")
                .contains("409 admin-exists");
    }
}
