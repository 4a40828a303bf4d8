package io.sharepulse.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import jakarta.inject.Singleton;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * Finds the reader's address behind configured reverse proxies.
 *
 * <p>Quarkus' own forwarded-header support takes the left-most {@code X-Forwarded-For} entry, which the client
 * writes itself when a proxy appends to the header; a visitor could then pick a fresh "address" per click and
 * defeat dedupe. We walk the header from the right instead and stop at the first address that is not a trusted
 * proxy: the one our own proxy saw.
 */
@Singleton
public class ClientIpResolver {

    /**
     * Trusted hops walked before giving up: real proxy chains are a handful long. A longer run of trusted entries is
     * answered like a chain that is trusted throughout, with the socket address, and costs no more parsing.
     */
    static final int MAX_TRUSTED_HOPS = 16;

    private final List<IpSubnetFilterRule> trusted;

    public ClientIpResolver(SharepulseConfig config) {
        this.trusted = config.clientIp().trustedProxies().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(ClientIpResolver::rule).toList();
    }

    /** {@link #resolve(String, List)} for a request with at most one {@code X-Forwarded-For} line. */
    public String resolve(String socketAddress, String forwardedFor) {
        return resolve(socketAddress, forwardedFor == null ? List.of() : List.of(forwardedFor));
    }

    /**
     * The client is the right-most entry of all {@code X-Forwarded-For} lines (in the order received, as if joined
     * with commas: a proxy may add a line of its own rather than append) that is not a trusted proxy. Every entry
     * counts, however many there are: only the right end is written by proxies we trust. When every entry is
     * trusted, nothing in the header tells who the client is (the left-most entry may be the client's own
     * writing), so the socket address is the answer.
     *
     * @param socketAddress the peer of the TCP connection
     * @param forwardedFor  the {@code X-Forwarded-For} header lines, possibly none
     * @return the client address as text (used only as hash input, never stored)
     */
    public String resolve(String socketAddress, List<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !isTrusted(socketAddress)) {
            return socketAddress;
        }
        int trustedHops = 0;
        for (int line = forwardedFor.size() - 1; line >= 0; line--) {
            String header = forwardedFor.get(line);
            int end = header == null ? 0 : header.length();
            while (end > 0) {
                int comma = header.lastIndexOf(',', end - 1);
                String hop = strip(header.substring(comma + 1, end));
                end = comma < 0 ? 0 : comma;
                if (hop.isEmpty()) {
                    continue;
                }
                if (!isTrusted(hop)) {
                    return hop;
                }
                if (++trustedHops >= MAX_TRUSTED_HOPS) {
                    return socketAddress;
                }
            }
        }
        return socketAddress;
    }

    /**
     * The network a limit counts a client by: an IPv4 address itself, an IPv6 address by its /64 (one subscriber
     * line or host gets a /64 or more, so counting single IPv6 addresses would give each 2^64 fresh "clients").
     * An IPv4-mapped IPv6 address is its IPv4 address. Anything unparseable is taken as it is.
     */
    public static String network(String address) {
        byte[] ip = address == null ? null : NetUtil.createByteArrayFromIpAddressString(strip(address));
        if (ip == null) {
            return address == null ? "" : address;
        }
        if (ip.length == 4) {
            return NetUtil.bytesToIpAddress(ip);
        }
        boolean mapped = true;
        for (int i = 0; i < 12 && mapped; i++) {
            mapped = ip[i] == (i < 10 ? 0 : (byte) 0xff);
        }
        if (mapped) {
            return NetUtil.bytesToIpAddress(java.util.Arrays.copyOfRange(ip, 12, 16));
        }
        java.util.Arrays.fill(ip, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(ip) + "/64";
    }

    /** Whether an address (without port) falls in a trusted proxy range. */
    public boolean isTrusted(String address) {
        InetAddress ip = address == null ? null : NetUtil.createInetAddressFromIpAddressString(strip(address));
        if (ip == null) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(ip, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** "[::1]:443" → "::1", "203.0.113.7:5000" → "203.0.113.7", anything else trimmed. */
    static String strip(String raw) {
        String s = raw.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':')) {
            return s.substring(0, colon);
        }
        return s;
    }

    private static IpSubnetFilterRule rule(String spec) {
        int slash = spec.indexOf('/');
        String address = slash < 0 ? spec : spec.substring(0, slash);
        if (!NetUtil.isValidIpV4Address(address) && !NetUtil.isValidIpV6Address(address)) {
            throw new IllegalArgumentException("sharepulse.client-ip.trusted-proxies: not an address or CIDR: " + spec);
        }
        int prefix = slash < 0 ? (NetUtil.isValidIpV4Address(address) ? 32 : 128)
                : Integer.parseInt(spec.substring(slash + 1));
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }
}
