package org.adminprovisioning.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.ServiceProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default profile is a developer's sandbox (docs/security.md): started as a real process, it answers
 * on loopback (dev outbox, API docs and Swagger UI without a token) and nowhere else on this machine; told to listen on every interface it refuses to
 * start, unless exposing it is asked for by name, which it then warns about.
 */
class SandboxBindingTests {

    private static final Duration START = Duration.ofSeconds(120);

    private String otherAddress;

    @BeforeEach
    void aNonLoopbackAddressOfThisMachine() throws SocketException {
        Optional<String> address = nonLoopbackAddress();
        Peers.assumeAvailable("a non-loopback network interface", address.isPresent(),
                "this machine has only loopback, so nothing could reach the sandbox from outside anyway");
        otherAddress = address.orElseThrow();
    }

    @Test
    void theSandbox_answersOnLoopback_andOnNoOtherAddressOfThisMachine() throws Exception {
        try (ServiceProcess sandbox = ServiceProcess.start("sandbox-loopback", Map.of()).awaitHealthy(START)) {
            assertThat(sandbox.status("127.0.0.1", "/actuator/health")).isEqualTo(200);
            assertThat(sandbox.status("127.0.0.1", "/dev/outbox")).isEqualTo(200);
            assertThat(sandbox.status("127.0.0.1", "/v3/api-docs")).as("API docs, public in the sandbox").isEqualTo(200);
            assertThat(sandbox.status("127.0.0.1", "/swagger-ui/index.html")).isEqualTo(200);

            assertThat(sandbox.status(otherAddress, "/actuator/health")).as("connection to %s", otherAddress)
                    .isEqualTo(-1);
            assertThat(sandbox.status(otherAddress, "/dev/outbox")).isEqualTo(-1);
        }
    }

    @Test
    void theSandbox_toldToListenOnEveryInterface_refusesToStart_andSaysWhatToSet() throws Exception {
        try (ServiceProcess sandbox = ServiceProcess.start("sandbox-all-interfaces",
                Map.of("SERVER_ADDRESS", "0.0.0.0"))) {
            assertThat(sandbox.awaitExit(START)).isNotZero();

            assertThat(sandbox.log()).contains("APPLICATION FAILED TO START")
                    .contains("is set to listen on 0.0.0.0, not on loopback")
                    .contains("PROVISIONING_DEV_EXPOSE_SANDBOX=true")
                    .doesNotContain("Tomcat started").doesNotContain("Bootstrap admin");
        }
    }

    @Test
    void theSandbox_exposedOnPurpose_isReachableFromOtherAddresses_andWarnsAtStart() throws Exception {
        try (ServiceProcess sandbox = ServiceProcess.start("sandbox-exposed",
                Map.of("SERVER_ADDRESS", "0.0.0.0", "PROVISIONING_DEV_EXPOSE_SANDBOX", "true")).awaitHealthy(START)) {
            assertThat(sandbox.status(otherAddress, "/actuator/health")).isEqualTo(200);

            assertThat(sandbox.log()).contains("WARN").contains("provisioning.dev.expose-sandbox=true: the sandbox "
                    + "listens on 0.0.0.0");
        }
    }

    private static Optional<String> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }
}
