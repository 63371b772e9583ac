package org.adminprovisioning.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.adminprovisioning.AdminProvisioningApplication;
import org.junit.jupiter.api.Test;

/** The kill test's halt hook exists only in the test sources: nothing in the application can turn it on. */
class CrashHookTests {

    @Test
    void noApplicationClass_mentionsTheHaltHook_orHaltsTheJvm() throws IOException {
        Path classes = Path.of(AdminProvisioningApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> suspicious = files.filter(f -> f.toString().endsWith(".class") || f.toString().endsWith(".properties"))
                    .filter(CrashHookTests::mentionsTheHook).toList();
            assertThat(suspicious).isEmpty();
        }
    }

    private static boolean mentionsTheHook(Path file) {
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return content.contains(CrashableApplication.HALT_AFTER) || content.contains("HaltingCognitoClient")
                    || content.contains("halt");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
