package io.sharepulse.share;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import io.sharepulse.platform.Hashing;
import io.vertx.core.Future;

/**
 * Visitor hash = SHA-256(daily salt ‖ client IP ‖ User-Agent ‖ site), truncated to 96 bits. Neither the IP nor
 * the User-Agent is stored anywhere; once the salt expires the hash cannot be tied to them again, and the site
 * in the input keeps one reader unlinkable across sites.
 */
@Singleton
public class VisitorHasher {

    private final DailySalt salt;

    public VisitorHasher(DailySalt salt) {
        this.salt = salt;
    }

    /** The visitor's hash on this site today; completes at once once the day's salt is known. */
    public Future<String> hashFuture(Visit visit, String site) {
        return salt.todayFuture().map(s -> hash(s, visit.clientIp(), visit.userAgent(), site));
    }

    static String hash(byte[] salt, String clientIp, String userAgent, String site) {
        byte[] digest = Hashing.sha256(salt, bytes(clientIp), bytes(userAgent), bytes(site));
        return Hashing.base64url(digest, 12);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
