package io.sharepulse.share;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.sharepulse.network.Network;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.post.PostTarget;
import io.sharepulse.post.PostTargets;
import io.sharepulse.share.ClickMetrics.LostReason;
import io.sharepulse.share.ClickRecorder.Mode;
import io.sharepulse.share.ClickRecorder.Recorded;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * The step a click on a network button and a widget event share: classify the visit, record it in one script run,
 * learn where the post points (and keep it for when Redis is slow), and count the outcome in
 * {@code sharepulse_clicks_total}. On Vert.x futures, without Mutiny operators: it is on the redirect's hot path
 * (docs/PERFORMANCE.md).
 */
@Singleton
public class ClickTally {

    private static final Logger LOG = Logger.getLogger(ClickTally.class);
    private static final Future<VisitorHasher.Hashes> NO_HASHES = Future.succeededFuture(
            new VisitorHasher.Hashes(ClickRecorder.NO_VISITOR, ""));

    private final ClickRecorder recorder;
    private final BotDetector bots;
    private final VisitorHasher visitors;
    private final PostRegistry posts;
    private final PostTargets targets;
    private final ClickMetrics metrics;
    private final AtomicLong lastDropLog = new AtomicLong();
    private final int capClicks;
    private final long capSeconds;

    public ClickTally(ClickRecorder recorder, BotDetector bots, VisitorHasher visitors, PostRegistry posts,
            PostTargets targets, ClickMetrics metrics, SharepulseConfig config) {
        this.capClicks = Math.max(0, config.limits().clicksPerClient());
        this.capSeconds = Math.max(1, config.limits().clickCapWindow().toSeconds());
        this.recorder = recorder;
        this.bots = bots;
        this.visitors = visitors;
        this.posts = posts;
        this.targets = targets;
        this.metrics = metrics;
    }

    /**
     * Classifies a visit (HEAD or nothing to count: peek; prefetch or bot: tallied apart; a network the site's bar
     * does not have: refused; else counted, with a visitor hash unless the reader asked not to be tracked, and at
     * most {@code sharepulse.limits.clicks-per-client} per client, post and network), records it in one script run and counts the
     * outcome; a closed network's visit counts as {@code retired}, a HEAD request not at all. Fails with 404 when
     * neither Redis nor PostgreSQL knows the post.
     *
     * @param closed the network closed without successor: nothing is written whatever the visit
     * @param then   what the caller makes of the result (in the same step: no further operator per click)
     */
    public <T> Future<T> tally(PostId post, Network network, SiteView site, Visit visit, boolean closed,
            Function<Recorded, T> then) {
        return tally(post, network, site, visit, closed, null, then);
    }

    /**
     * As {@link #tally(PostId, Network, SiteView, Visit, boolean, Function)}, for a visit the caller already found
     * not to count ({@code refusal}, or null): a reader's visit that is refused (the caller's reason, a network not
     * on the site's bar, or in the script the client's cap) is tallied under its reason, in the same script run.
     */
    public <T> Future<T> tally(PostId post, Network network, SiteView site, Visit visit, boolean closed,
            Refusal refusal, Function<Recorded, T> then) {
        Mode mode = visit.headOnly() || closed ? Mode.PEEK
                : visit.prefetch() || bots.isBot(visit.userAgent()) ? Mode.BOT
                : refusal != null || !site.offers(network.id()) ? Mode.REFUSE : Mode.COUNT;
        Refusal reason = mode != Mode.REFUSE ? null : refusal != null ? refusal : Refusal.NETWORK_NOT_OFFERED;
        boolean anonymous = site.honourDnt() && visit.doNotTrack();
        // Read once, for the visitor hash and the context counters (device class and browser family, as counters
        // only), neither of which a reader who asked not to be tracked gets.
        Optional<UserAgents.Classes> agent = mode == Mode.COUNT && !anonymous
                ? Optional.of(UserAgents.of(visit.userAgent())) : Optional.empty();
        Future<VisitorHasher.Hashes> hashes = mode != Mode.COUNT ? NO_HASHES
                : visitors.hashesFuture(visit, site.id(), agent);
        String device = agent.map(UserAgents.Classes::device).orElse(ClickRecorder.NO_CONTEXT);
        String browser = agent.map(UserAgents.Classes::browser).orElse(ClickRecorder.NO_CONTEXT);
        return hashes.compose(h -> record(post, network.id(), mode, h.visitor(), site.dedupeSeconds(),
                        new ClickRecorder.Cap(h.client(), capClicks, capSeconds), reason, device, browser))
                .recover(f -> f instanceof ProblemException ? Future.failedFuture(f)
                        : unanswered(post, network.id(), mode, f))
                .map(result -> {
                    if (result.outcome() == ClickOutcome.COUNTED || result.outcome() == ClickOutcome.DUPLICATE) {
                        // Readers' clicks only: HEAD, bots and peeks cost nothing to send and must not fill the heap.
                        targets.remember(post, result.target());
                    }
                    if (closed) {
                        // Nothing is written for a closed network's visit, so none is lost whatever Redis did.
                        if (!visit.headOnly()) {
                            metrics.record(network.id(), ClickOutcome.RETIRED);
                        }
                    } else if (result.outcome() != ClickOutcome.PEEKED) {
                        metrics.record(network.id(), result.outcome());
                    }
                    return then.apply(result);
                });
    }

    /** Runs the script; a post Redis lost is put back from PostgreSQL and the click recorded after all. */
    private Future<Recorded> record(PostId post, String network, Mode mode, String visitor, int dedupe,
            ClickRecorder.Cap cap, Refusal reason, String device, String browser) {
        return recorder.record(post, network, mode, visitor, dedupe, cap, reason, device, browser).compose(answer ->
                answer instanceof Recorded r ? Future.succeededFuture(r)
                : future(posts.restore(post)).compose(restored -> restored.isEmpty() ? noSuchPost()
                        : recorder.record(post, network, mode, visitor, dedupe, cap, reason, device, browser)
                                .compose(again ->
                                again instanceof Recorded second ? Future.succeededFuture(second) : noSuchPost())));
    }

    /**
     * Redis failed or was too slow: the reader still goes where they asked, from the in-process targets or else
     * PostgreSQL. A click Redis answered with an error is lost; one it had not answered yet is unconfirmed, and
     * counted again when its fate is known (late, or lost), so the metrics add up to what Redis stored. A peek
     * writes nothing, so it loses nothing.
     */
    private Future<Recorded> unanswered(PostId post, String network, Mode mode, Throwable failure) {
        ClickOutcome outcome;
        if (mode == Mode.PEEK) {
            outcome = ClickOutcome.PEEKED;
        } else if (failure instanceof ClickRecorder.Unconfirmed unconfirmed) {
            outcome = ClickOutcome.UNCONFIRMED;
            unconfirmed.late().onComplete(late -> {
                if (late.succeeded() && late.result() instanceof Recorded recorded) {
                    metrics.late(network, recorded.outcome());
                } else {
                    // An error, no answer in the grace period, or a post Redis no longer knew: nothing stored.
                    metrics.lost(network, late.cause() instanceof ClickRecorder.NoAnswer ? LostReason.NO_ANSWER
                            : LostReason.ERROR);
                }
            });
        } else {
            outcome = ClickOutcome.LOST;
            metrics.lost(network, LostReason.ERROR);
        }
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (mode != Mode.PEEK && now - last > 10_000_000_000L && lastDropLog.compareAndSet(last, now)) {
            LOG.warnf("Clicks are not being confirmed by Redis (%s); readers are still redirected", failure.toString());
        }
        Optional<PostTarget> cached = targets.find(post);
        Future<Optional<PostTarget>> target = cached.isPresent() ? Future.succeededFuture(cached)
                : future(posts.findDurable(post));
        return target.compose(found -> found.isPresent()
                ? Future.succeededFuture(new Recorded(outcome, found.get()))
                : noSuchPost());
    }

    private static <T> Future<T> future(Uni<T> uni) {
        return Future.fromCompletionStage(uni.subscribeAsCompletionStage());
    }

    private static <T> Future<T> noSuchPost() {
        return Future.failedFuture(unknownPost());
    }

    /** The answer to a click or event on a post that does not exist (or whose site does not). */
    static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }

    /** The answer to a click or event on a network the catalog does not know. */
    static ProblemException unknownNetwork() {
        return ProblemException.notFound("unknown-network", "No network has this id.");
    }
}
