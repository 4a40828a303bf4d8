package io.sharepulse.share;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.sharepulse.platform.ClientIpResolver;
import io.sharepulse.platform.Hashing;
import io.vertx.core.Future;

/**
 * Visitor hash = SHA-256(daily salt ‖ client network ‖ browser class ‖ site), truncated to 96 bits. The client
 * network is an IPv4 address or an IPv6 /64 (one line gets a whole /64, so single IPv6 addresses would be 2^64
 * visitors). The browser class is the browser family and platform read from the User-Agent — one of a few dozen,
 * such as {@code chrome/android}, never the User-Agent itself: a client that invents a new User-Agent for every
 * click would otherwise be a new visitor every time, dedupe and uniques alike. Neither the IP nor the User-Agent
 * is stored anywhere; once the salt expires the hash cannot be tied to them again, and the site in the input keeps
 * one reader unlinkable across sites.
 */
@Singleton
public class VisitorHasher {

    /** Browser families in the order they must be tested (Edge and Opera also say Chrome, Chrome says Safari). */
    /** What counting hashes of a click: the visitor (for dedupe and uniques) and the client (for the click cap). */
    public record Hashes(String visitor, String client) {
    }

    private final DailySalt salt;

    public VisitorHasher(DailySalt salt) {
        this.salt = salt;
    }

    /** The visitor's hash on this site today; completes at once once the day's salt is known. */
    public Future<String> hashFuture(Visit visit, String site) {
        return salt.todayFuture().map(s -> hash(s, visit.clientIp(), visit.userAgent(), site));
    }

    /**
     * The visitor hash ({@link ClickRecorder#NO_VISITOR} for a reader who asked not to be tracked) and the client
     * hash of the click cap, which a reader who asked not to be tracked gets too: it is kept only for the cap's
     * window and names nobody once the salt is gone.
     *
     * @param agent the visit's User-Agent classes, read once by the caller for the hash and the click's context
     *              counters; empty for a reader who asked not to be tracked
     */
    public Future<Hashes> hashesFuture(Visit visit, String site, Optional<UserAgents.Classes> agent) {
        return salt.todayFuture().map(s -> new Hashes(
                agent.map(a -> hashOfClass(s, visit.clientIp(), a.browserClass(), site)).orElse(ClickRecorder.NO_VISITOR),
                PublicLimits.client(s, visit.clientIp())));
    }

    static String hash(byte[] salt, String clientIp, String userAgent, String site) {
        return hashOfClass(salt, clientIp, browserClass(userAgent), site);
    }

    private static String hashOfClass(byte[] salt, String clientIp, String browserClass, String site) {
        byte[] digest = Hashing.sha256(salt, bytes(ClientIpResolver.network(clientIp)), bytes(browserClass),
                bytes(site));
        return Hashing.base64url(digest, 12);
    }

    /** The browser family and platform of a User-Agent, e.g. {@code firefox/windows}; {@code other/other} at worst. */
    static String browserClass(String userAgent) {
        if (userAgent == null) {
            return "none";
        }
        return UserAgents.of(userAgent).browserClass();
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
