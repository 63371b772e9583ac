package org.adminprovisioning.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling: the connection's peer, or, when that peer is one of our trusted proxies, the
 * address they recorded in {@code X-Forwarded-For}. The header is read right to left, skipping our
 * own proxies: the first other address is the one our outermost proxy saw, and anything left of it
 * was written by the client and is never believed.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    // Literals only: anything else would make InetAddress look a name up in DNS.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private final List<Range> trustedProxies;

    ClientAddresses(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.trim()));
            }
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    /** The client's address as text, e.g. {@code 203.0.113.9} or {@code 2001:db8:0:0:0:0:0:1}. */
    String clientOf(HttpServletRequest request) {
        InetAddress peer = literal(request.getRemoteAddr()).orElse(null);
        if (peer == null) {
            return String.valueOf(request.getRemoteAddr());
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;  // our proxies write addresses; garbage means the client wrote it
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /**
     * The throttle's bucket for a client address: the address itself, or for IPv6 its
     * {@code /64}, which one host usually owns whole (counting single addresses would give it 2^64 budgets).
     */
    static String bucketOf(String client) {
        Optional<InetAddress> address = literal(client);
        if (address.isPresent() && address.get() instanceof Inet6Address) {
            byte[] bytes = address.get().getAddress();
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** The address a literal names, never looked up; empty for a name, a port or garbage. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean v4 = IPV4.matcher(candidate).matches();
        boolean v6 = !v4 && candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One trusted proxy: an address, or a CIDR range such as {@code 10.0.0.0/8}. */
    private record Range(byte[] network, int prefixLength) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address).map(InetAddress::getAddress).orElseThrow(() ->
                    new IllegalArgumentException("provisioning.auth.trusted-proxies: '" + entry
                            + "' is neither an IP address nor a CIDR range"));
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("provisioning.auth.trusted-proxies: bad prefix length in '"
                        + entry + "'");
            }
            return new Range(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
