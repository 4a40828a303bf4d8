package io.sharepulse.share;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.ClientIpResolver;
import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.RateWindow;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * Limits on the public paths that write: registering new posts (every one is a PostgreSQL row and a Redis hash)
 * and widget events. Counted per client and site in one-minute windows, and new posts per site in one-hour
 * windows as well (a ceiling on what many addresses together can store). The client is a hash of its network
 * address (an IPv6 client by its /64) under the day's salt, kept only as long as its window (one minute), and
 * computed even for readers who ask not to be tracked: a flood must be stoppable, and the hash identifies nobody
 * once the salt is gone. Refusals are counted in {@code sharepulse_registrations_refused_total{reason}}.
 */
@ApplicationScoped
public class PublicLimits {

    static final long WINDOW_MS = 60_000;
    static final long SITE_WINDOW_MS = 3_600_000;
    private static final byte[] PURPOSE = "rate-limit".getBytes(StandardCharsets.UTF_8);

    private final RateWindow window;
    private final RedisKeys keys;
    private final DailySalt salt;
    private final int registrations;
    private final int siteRegistrations;
    private final int events;
    private final Counter refusedSource;
    private final Counter refusedOrigin;
    private final Counter refusedClient;
    private final Counter refusedSite;

    public PublicLimits(RateWindow window, RedisKeys keys, DailySalt salt, SharepulseConfig config,
            MeterRegistry registry) {
        this.window = window;
        this.keys = keys;
        this.salt = salt;
        this.registrations = config.limits().registrationsPerMinute();
        this.siteRegistrations = config.limits().siteRegistrationsPerHour();
        this.events = config.limits().eventsPerMinute();
        this.refusedSource = refused(registry, "not-a-page-request");
        this.refusedClient = refused(registry, "client-limit");
        this.refusedOrigin = refused(registry, "foreign-page");
        this.refusedSite = refused(registry, "site-limit");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("sharepulse.registrations.refused")
                .description("New pages not registered: the request was no page's, or a limit was reached")
                .tag("reason", reason).register(registry);
    }

    /**
     * Admits one registration by this client on this site of a page Redis does not have, or fails: 403 for a
     * request that is not a page's own (see {@link Fetch#refusal}) or a browser's from another site's page
     * ({@link Fetch#foreignPage}), 429 past the client's limit.
     */
    public Uni<Void> registration(SiteView owner, Visit visit, Fetch fetch) {
        // Deferred: the caller subscribes only for a page Redis does not have; a known page is refused nothing.
        return Uni.createFrom().deferred(() -> {
            String refusal = fetch.refusal();
            if (refusal != null) {
                refusedSource.increment();
                return Uni.createFrom().failure(new ProblemException(403, "registration-refused",
                        "New page not registered", refusal));
            }
            String foreign = fetch.foreignPage(owner);
            if (foreign != null) {
                refusedOrigin.increment();
                return Uni.createFrom().failure(new ProblemException(403, "registration-refused",
                        "New page not registered", foreign));
            }
            return admit("reg", owner.id(), visit, registrations,
                    "A client may register " + registrations + " new pages")
                    .onFailure(ProblemException.class).invoke(() -> refusedClient.increment());
        });
    }

    /**
     * Admits one post PostgreSQL does not have yet on this site, or fails with 429 past the site's hourly ceiling.
     * A page registered again after it left Redis does not count.
     */
    public Uni<Void> newPost(String site) {
        if (siteRegistrations <= 0) {
            return Uni.createFrom().voidItem();
        }
        return window.admit(keys.publicLimit(site, "reg", "site"), siteRegistrations, SITE_WINDOW_MS,
                "This site may get " + siteRegistrations + " new pages")
                .onFailure(ProblemException.class).invoke(() -> refusedSite.increment());
    }

    /** Admits one widget event by this client on this site, or fails with 429. */
    public Uni<Void> event(String site, Visit visit) {
        return admit("evt", site, visit, events, "A client may report " + events + " events");
    }

    private Uni<Void> admit(String kind, String site, Visit visit, int limit, String what) {
        if (limit <= 0) {
            return Uni.createFrom().voidItem();
        }
        return salt.today().chain(s -> window.admit(keys.publicLimit(site, kind, client(s, visit.clientIp())),
                limit, WINDOW_MS, what));
    }

    /**
     * The client a limit counts: its network (an IPv4 address, an IPv6 /64) hashed under the day's salt, so the
     * limit's keys name nobody once the salt is gone. The click cap per post and network uses it too.
     */
    static String client(byte[] salt, String clientIp) {
        return Hashing.base64url(Hashing.sha256(salt, PURPOSE,
                ClientIpResolver.network(clientIp).getBytes(StandardCharsets.UTF_8)), 12);
    }

    /** Events (and arrivals, counted in the arrival script itself) one client may report per minute on a site. */
    int eventsPerMinute() {
        return events;
    }
}
