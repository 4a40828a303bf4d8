package io.sharepulse.share;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.post.PostTargets;
import io.sharepulse.share.ClickRecorder.Mode;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * The counted redirect: classify the click, record it in one Redis round trip, and say where the reader goes.
 * The target always comes from the catalog template and the stored post, never from the request.
 */
@Singleton
public class RedirectService {

    private static final Logger LOG = Logger.getLogger(RedirectService.class);

    /** Where a click leads. */
    public sealed interface Destination permits Redirect, Retired, Pick {
    }

    /** The network's click lands on our own page (the fediverse picker, the QR code): {@link Network#page()}. */
    public record Pick(Network network, PostId post) implements Destination {
    }

    /** A 302 to the network's share page. */
    public record Redirect(String location) implements Destination {
    }

    /** The network closed without successor: show the page offering the live ones. */
    public record Retired(Network network, PostRecord post, List<Network> alternatives) implements Destination {
    }

    /**
     * What we need to know of the reader, and no more: nothing of it is stored.
     *
     * @param doNotTrack DNT: 1 or Sec-GPC: 1 was sent
     * @param prefetch   a speculative load, not a click
     * @param headOnly   a HEAD request (link checkers): answer, count nothing
     */
    public record Visit(String clientIp, String userAgent, boolean doNotTrack, boolean prefetch, boolean headOnly) {
    }

    private final NetworkCatalog catalog;
    private final SiteDirectory sites;
    private final PostRegistry posts;
    private final ClickRecorder recorder;
    private final BotDetector bots;
    private final DailySalt salt;
    private final VisitorHasher hasher;
    private final ClickMetrics metrics;
    private final PostTargets targets;
    private final PublicLimits limits;
    private final java.util.concurrent.atomic.AtomicLong lastDropLog = new java.util.concurrent.atomic.AtomicLong();

    public RedirectService(NetworkCatalog catalog, SiteDirectory sites, PostRegistry posts, ClickRecorder recorder,
            BotDetector bots, DailySalt salt, VisitorHasher hasher, ClickMetrics metrics, PostTargets targets,
            PublicLimits limits) {
        this.catalog = catalog;
        this.sites = sites;
        this.posts = posts;
        this.recorder = recorder;
        this.bots = bots;
        this.salt = salt;
        this.hasher = hasher;
        this.metrics = metrics;
        this.targets = targets;
        this.limits = limits;
    }

    /** What a click is on: the post's id and the network, parsed and looked up once. */
    public record Target(PostId post, Network network) {
    }

    /**
     * The target of a click that ends in a redirect (a live network, a post id that can exist), before any work;
     * empty for everything else (retired networks, actions, ids that cannot exist).
     */
    public Optional<Target> redirectTarget(String rawPost, String rawNetwork) {
        Optional<Network> network = catalog.find(rawNetwork).filter(n -> !n.isAction());
        if (network.isEmpty() || catalog.destination(network.get()).isEmpty()) {
            return Optional.empty();
        }
        return PostId.parse(rawPost).map(post -> new Target(post, network.get()));
    }

    /** {@link #clickNow} for JAX-RS callers (HEAD, retired networks). */
    public Uni<Destination> click(String rawPost, String rawNetwork, Visit visit) {
        return Uni.createFrom().completionStage(() -> clickNow(rawPost, rawNetwork, visit).toCompletionStage());
    }

    /** The click on ids as they came: fails with a {@link ProblemException} for ids that do not exist. */
    public Future<Destination> clickNow(String rawPost, String rawNetwork, Visit visit) {
        PostId post;
        Network network;
        try {
            post = PostId.parse(rawPost).orElseThrow(RedirectService::unknownPost);
            network = catalog.find(rawNetwork).filter(n -> !n.isAction())
                    .orElseThrow(() -> ProblemException.notFound("unknown-network", "No network has this id."));
        } catch (ProblemException e) {
            return Future.failedFuture(e);
        }
        return clickNow(new Target(post, network), visit);
    }

    /**
     * The click, on Vert.x futures: the hot path runs no Mutiny operator, each of which pays for a context capture
     * (docs/PERFORMANCE.md). Fails with a {@link ProblemException} for a post that does not exist.
     */
    public Future<Destination> clickNow(Target target, Visit visit) {
        PostId post = target.post();
        Network network = target.network();
        return sites.lookup(post.site()).compose(found -> {
            SiteView site = found.orElseThrow(RedirectService::unknownPost);
            Optional<Network> destination = catalog.destination(network);
            return tally(post, network, site, visit, destination.isEmpty()).map(result -> {
                PostRecord record = new PostRecord(post, result.url(), result.title(), result.media(), Map.of());
                targets.remember(post, result.url(), result.title(), result.media());
                if (destination.isEmpty()) {
                    if (!visit.headOnly()) {
                        metrics.record(network.id(), result.outcome() == ClickOutcome.DROPPED
                                ? ClickOutcome.DROPPED : ClickOutcome.RETIRED);
                    }
                    return new Retired(network, record, alternatives(site));
                }
                if (result.outcome() != null) {
                    metrics.record(network.id(), result.outcome());
                }
                if (destination.get().page() != null) {
                    return new Pick(destination.get(), post);
                }
                return new Redirect(catalog.shareUrl(destination.get(), ShareLinks.values(site, record),
                        visit.userAgent()).orElseThrow());
            });
        });
    }

    /**
     * A widget action (Copy link, Share…) the reader used, reported by the widget: classified and counted exactly
     * like a click on a network button, with nowhere to send anybody.
     */
    public Uni<ClickOutcome> action(String rawPost, String rawNetwork, Visit visit) {
        PostId post = PostId.parse(rawPost).orElseThrow(RedirectService::unknownPost);
        Network network = catalog.find(rawNetwork)
                .orElseThrow(() -> ProblemException.notFound("unknown-network", "No network has this id."));
        if (!network.isAction()) {
            throw new ProblemException(422, "not-an-action", "Not an action",
                    "Only widget actions (copy, webshare) are reported as events; network buttons count through "
                            + "their links.");
        }
        return sites.find(post.site()).chain(found -> {
            SiteView site = found.orElseThrow(RedirectService::unknownPost);
            return limits.event(site.id(), visit).chain(() -> uni(tally(post, network, site, visit, false))).map(result -> {
                metrics.record(network.id(), result.outcome());
                return result.outcome();
            });
        });
    }

    /**
     * Classifies a visit (HEAD or nothing to count: peek; prefetch or bot: tallied apart; else counted, with a
     * visitor hash unless the reader asked not to be tracked) and records it in one script run. Fails with 404
     * when neither Redis nor PostgreSQL knows the post.
     */
    private Future<ClickRecorder.Result> tally(PostId post, Network network, SiteView site, Visit visit, boolean peek) {
        Mode mode = visit.headOnly() || peek ? Mode.PEEK
                : visit.prefetch() || bots.isBot(visit.userAgent()) ? Mode.BOT : Mode.COUNT;
        boolean anonymous = site.honourDnt() && visit.doNotTrack();
        Future<String> visitor = mode != Mode.COUNT || anonymous ? Future.succeededFuture()
                : salt.current().map(s -> hasher.hash(s, visit.clientIp(), visit.userAgent(), site.id()));
        return visitor.compose(v -> record(post, network.id(), mode, v, site.dedupeSeconds()))
                .recover(f -> f instanceof ProblemException ? Future.failedFuture(f) : dropped(post, network, f))
                .compose(result -> result == null ? Future.failedFuture(unknownPost()) : Future.succeededFuture(result));
    }

    /** Runs the script; a post Redis lost is put back from PostgreSQL and the click recorded after all. */
    private Future<ClickRecorder.Result> record(PostId post, String network, Mode mode, String visitor, int dedupe) {
        return recorder.record(post, network, mode, visitor, dedupe).compose(result -> result != null
                ? Future.succeededFuture(result)
                : future(posts.restore(post)).compose(restored -> restored.isEmpty() ? Future.succeededFuture()
                        : recorder.record(post, network, mode, visitor, dedupe)));
    }

    /**
     * Redis failed or was too slow: the click is lost (and counted as such), but the reader still goes where they
     * asked, from the in-process targets or else PostgreSQL.
     */
    private Future<ClickRecorder.Result> dropped(PostId post, Network network, Throwable failure) {
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last > 10_000_000_000L && lastDropLog.compareAndSet(last, now)) {
            LOG.warnf("Clicks are being dropped (Redis: %s); readers are still redirected", failure.toString());
        }
        Optional<PostRecord> cached = targets.find(post);
        Future<Optional<PostRecord>> target = cached.isPresent() ? Future.succeededFuture(cached)
                : future(posts.findDurable(post));
        return target.map(found -> found
                .map(p -> new ClickRecorder.Result(ClickOutcome.DROPPED, p.url(), p.title(), p.media()))
                .orElse(null));
    }

    private static <T> Future<T> future(Uni<T> uni) {
        return Future.fromCompletionStage(uni.subscribeAsCompletionStage());
    }

    private static <T> Uni<T> uni(Future<T> future) {
        return Uni.createFrom().completionStage(future::toCompletionStage);
    }

    private List<Network> alternatives(SiteView site) {
        List<Network> live = site.networks().stream().map(catalog::find).flatMap(Optional::stream)
                .filter(n -> n.isActive() && !n.isAction()).toList();
        return live.isEmpty()
                ? catalog.all().stream().filter(n -> n.isActive() && n.kind() == Network.Kind.LINK).limit(8).toList()
                : live;
    }

    private static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }
}
