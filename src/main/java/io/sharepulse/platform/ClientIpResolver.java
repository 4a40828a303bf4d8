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

    private static final int MAX_ENTRIES = 32;

    private final List<IpSubnetFilterRule> trusted;

    public ClientIpResolver(SharepulseConfig config) {
        this.trusted = config.clientIp().trustedProxies().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(ClientIpResolver::rule).toList();
    }

    /**
     * @param socketAddress the peer of the TCP connection
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     * @return the client address as text (used only as hash input, never stored)
     */
    public String resolve(String socketAddress, String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(socketAddress)) {
            return socketAddress;
        }
        String[] hops = forwardedFor.split(",", MAX_ENTRIES + 1);
        String client = socketAddress;
        for (int i = Math.min(hops.length, MAX_ENTRIES) - 1; i >= 0; i--) {
            String hop = strip(hops[i]);
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
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
