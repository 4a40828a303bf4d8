package io.sharepulse.share;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.UrlCanonicalizer;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * Arrivals: a reader came to a post through a link we handed to a network ({@code ?sp=<network>}), and the widget
 * or {@code /a.js} reported it. Counted like a click (bots and prefetches apart, once per visitor, post and network
 * in the site's dedupe window, DNT/GPC honoured) in one Redis round trip that also applies the public rate limit,
 * with no PostgreSQL on the way: the post id is derived from the URL, the site read from the in-process directory.
 * When Redis is down or slow the arrival is dropped and counted in {@code sharepulse_arrivals_total{outcome=dropped}};
 * the page never notices.
 */
@ApplicationScoped
public class ArrivalService {

    private static final Logger LOG = Logger.getLogger(ArrivalService.class);

    private final SiteDirectory sites;
    private final NetworkCatalog catalog;
    private final UrlCanonicalizer canonicalizer;
    private final BotDetector bots;
    private final DailySalt salt;
    private final ArrivalRecorder recorder;
    private final int limit;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastDropLog = new AtomicLong();

    public ArrivalService(SiteDirectory sites, NetworkCatalog catalog, UrlCanonicalizer canonicalizer,
            BotDetector bots, DailySalt salt, ArrivalRecorder recorder, PublicLimits limits, MeterRegistry registry) {
        this.sites = sites;
        this.catalog = catalog;
        this.canonicalizer = canonicalizer;
        this.bots = bots;
        this.salt = salt;
        this.recorder = recorder;
        this.limit = limits.eventsPerMinute();
        this.registry = registry;
    }

    /**
     * Counts one arrival at the page {@code rawUrl} of the site from {@code rawNetwork}: 404 for an unknown site or
     * network, 400 for a malformed URL, 422 for a host the site does not own, 429 past the client's limit.
     */
    public Uni<ArrivalOutcome> arrive(String siteId, String rawUrl, String rawNetwork, Visit visit) {
        Network network = catalog.find(rawNetwork).filter(n -> !n.isAction())
                .orElseThrow(ClickTally::unknownNetwork);
        return sites.find(siteId).chain(found -> {
            SiteView site = found.orElseThrow(() -> ProblemException.notFound("unknown-site", "No site has this id."));
            String url = canonicalizer.canonicalize(rawUrl, site.queryParams());
            if (!site.allowsHost(UrlCanonicalizer.host(url))) {
                throw new ProblemException(422, "host-not-allowed", "Host not allowed",
                        "This site does not include the URL's host.");
            }
            PostId post = PostId.derive(site.id(), url);
            return Uni.createFrom().completionStage(() -> record(site, post, network, visit).toCompletionStage());
        });
    }

    private Future<ArrivalOutcome> record(SiteView site, PostId post, Network network, Visit visit) {
        if (!site.tagLinks()) {
            return counted(network, ArrivalOutcome.OFF);
        }
        if (!site.offers(network.id())) {
            return counted(network, ArrivalOutcome.NOT_OFFERED);
        }
        if (visit.prefetch() || bots.isBot(visit.userAgent())) {
            return counted(network, ArrivalOutcome.BOT);
        }
        // Reported by a page of the site, as a widget event is: a script elsewhere may not count visits for it.
        String origin = visit.origin() == null ? null : Fetch.host(visit.origin());
        if (origin == null || !site.allowsHost(origin)) {
            count(network, ArrivalOutcome.FOREIGN_ORIGIN);
            return Future.failedFuture(new ProblemException(403, "arrival-origin-refused", "Arrival not counted",
                    "An arrival is counted only from a page on one of the site's domains (its Origin)."));
        }
        boolean anonymous = site.honourDnt() && visit.doNotTrack();
        return salt.todayFuture().compose(s -> recorder.record(post, network.id(),
                anonymous ? ClickRecorder.NO_VISITOR : VisitorHasher.hash(s, visit.clientIp(), visit.userAgent(),
                        site.id()),
                site.dedupeSeconds(), PublicLimits.client(s, visit.clientIp()), limit))
                .compose(answer -> {
                    count(network, answer.outcome());
                    if (answer.outcome() == ArrivalOutcome.LIMITED) {
                        int retry = (int) Math.max(1, (answer.retryMs() + 999) / 1000);
                        return Future.failedFuture(new ProblemException(429, "rate-limited", "Too Many Requests",
                                "A client may report " + limit + " arrivals per 60 s; retry in " + retry + " s.", null,
                                retry));
                    }
                    return Future.succeededFuture(answer.outcome());
                }, failure -> dropped(network, failure));
    }

    private Future<ArrivalOutcome> dropped(Network network, Throwable failure) {
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last > 10_000_000_000L && lastDropLog.compareAndSet(last, now)) {
            LOG.warnf("Arrivals are being dropped (Redis: %s)", failure.toString());
        }
        return counted(network, ArrivalOutcome.DROPPED);
    }

    private Future<ArrivalOutcome> counted(Network network, ArrivalOutcome outcome) {
        count(network, outcome);
        return Future.succeededFuture(outcome);
    }

    /** {@code sharepulse_arrivals_total{network, outcome}}: a catalog id and an outcome, never a post or URL. */
    private void count(Network network, ArrivalOutcome outcome) {
        counters.computeIfAbsent(network.id() + '|' + outcome.tag(), k -> Counter.builder("sharepulse.arrivals")
                .description("Readers back through a tagged share link, by network and what became of the report")
                .tag("network", network.id()).tag("outcome", outcome.tag())
                .register(registry)).increment();
    }
}
