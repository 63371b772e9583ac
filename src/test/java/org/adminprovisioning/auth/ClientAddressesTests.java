package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Who the client is: the peer, unless the peer is a trusted proxy; {@code X-Forwarded-For} is read right to left. */
class ClientAddressesTests {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader(ClientAddresses.FORWARDED_FOR, header);
        }
        return request;
    }

    @Test
    void withNoTrustedProxy_theHeaderIsIgnored_andThePeerIsTheClient() {
        ClientAddresses clients = new ClientAddresses(List.of());

        assertThat(clients.clientOf(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void fromATrustedProxy_theAddressItAppendedIsTheClient_andWhatTheClientWroteIsNotBelieved() {
        ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));

        // The client sent "X-Forwarded-For: 1.2.3.4"; our proxy 10.0.0.5 appended the real peer.
        assertThat(clients.clientOf(from("10.0.0.5", "1.2.3.4, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // Two of our proxies in a row, the header split over two lines.
        assertThat(clients.clientOf(from("10.0.0.5", "1.2.3.4, 203.0.113.9", "10.1.2.3"))).isEqualTo("203.0.113.9");
        // Garbage where an address belongs stops the walk at the last hop we can vouch for.
        assertThat(clients.clientOf(from("10.0.0.5", "evil.example.com"))).isEqualTo("10.0.0.5");
        // No header: the proxy itself.
        assertThat(clients.clientOf(from("10.0.0.5"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aPeerOutsideTheTrustedRanges_cannotChooseItsAddress() {
        ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7"));

        assertThat(clients.clientOf(from("192.168.1.8", "203.0.113.9"))).isEqualTo("192.168.1.8");
        assertThat(clients.clientOf(from("192.168.1.7", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(clients.clientOf(from("11.0.0.1", "203.0.113.9"))).isEqualTo("11.0.0.1");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64_andIpv4PerAddress() {
        assertThat(ClientAddresses.bucketOf("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.bucketOf("2001:db8:1:2:ffff::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.bucketOf("203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void namesAreNeverLookedUp_onlyLiteralsAreAddresses() {
        assertThat(ClientAddresses.literal("localhost")).isEmpty();
        assertThat(ClientAddresses.literal("1.2.3.4:8080")).isEmpty();
        assertThat(ClientAddresses.literal("[2001:db8::1]")).isPresent();
        assertThat(ClientAddresses.literal("::ffff:203.0.113.9").orElseThrow().getHostAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void aMistypedTrustedProxy_failsAtStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither an IP address");
    }
}
