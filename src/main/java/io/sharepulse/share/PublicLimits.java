package io.sharepulse.share;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.RateWindow;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;

/**
 * Limits on the public paths that write: registering new posts (every one is a PostgreSQL row and a Redis hash)
 * and widget events. Counted per client and site in one-minute windows. The client is a hash of the network
 * address under the day's salt, kept only as long as its window (one minute), and computed even for readers
 * who ask not to be tracked: a flood must be stoppable, and the hash identifies nobody once the salt is gone.
 */
@ApplicationScoped
public class PublicLimits {

    static final long WINDOW_MS = 60_000;
    private static final byte[] PURPOSE = "rate-limit".getBytes(StandardCharsets.UTF_8);

    private final RateWindow window;
    private final RedisKeys keys;
    private final DailySalt salt;
    private final int registrations;
    private final int events;

    public PublicLimits(RateWindow window, RedisKeys keys, DailySalt salt, SharepulseConfig config) {
        this.window = window;
        this.keys = keys;
        this.salt = salt;
        this.registrations = config.limits().registrationsPerMinute();
        this.events = config.limits().eventsPerMinute();
    }

    /** Admits one new post registration by this client on this site, or fails with 429. */
    public Uni<Void> registration(String site, Visit visit) {
        return admit("reg", site, visit, registrations, "A client may register " + registrations + " new pages");
    }

    /** Admits one widget event by this client on this site, or fails with 429. */
    public Uni<Void> event(String site, Visit visit) {
        return admit("evt", site, visit, events, "A client may report " + events + " events");
    }

    private Uni<Void> admit(String kind, String site, Visit visit, int limit, String what) {
        if (limit <= 0) {
            return Uni.createFrom().voidItem();
        }
        return salt.today().chain(s -> {
            String client = Hashing.base64url(Hashing.sha256(s, PURPOSE,
                    visit.clientIp().getBytes(StandardCharsets.UTF_8)), 12);
            return window.admit(keys.publicLimit(site, kind, client), limit, WINDOW_MS, what);
        });
    }
}
