package io.sharepulse.share;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostTarget;
import io.sharepulse.post.UrlCanonicalizer;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * The counted redirect: count the click ({@link ClickTally}) and say where the reader goes. The target always comes
 * from the catalog template and the stored post, never from the request.
 */
@Singleton
public class RedirectService {

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

    /** What a click is on: the post's id and the network, parsed and looked up once. */
    public record Target(PostId post, Network network) {
    }

    private final NetworkCatalog catalog;
    private final SiteDirectory sites;
    private final ClickTally tally;

    public RedirectService(NetworkCatalog catalog, SiteDirectory sites, ClickTally tally) {
        this.catalog = catalog;
        this.sites = sites;
        this.tally = tally;
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

    /** The click on ids as they came, for JAX-RS (HEAD, retired networks): fails with 404 for ids that do not exist. */
    public Uni<Destination> click(String rawPost, String rawNetwork, Visit visit) {
        return Uni.createFrom().completionStage(() -> clickFuture(rawPost, rawNetwork, visit).toCompletionStage());
    }

    /** {@link #click} as a Vert.x future. */
    public Future<Destination> clickFuture(String rawPost, String rawNetwork, Visit visit) {
        PostId post;
        Network network;
        try {
            post = PostId.parse(rawPost).orElseThrow(ClickTally::unknownPost);
            network = catalog.find(rawNetwork).filter(n -> !n.isAction()).orElseThrow(ClickTally::unknownNetwork);
        } catch (ProblemException e) {
            return Future.failedFuture(e);
        }
        return clickFuture(new Target(post, network), visit);
    }

    /**
     * The click, on Vert.x futures: the hot path runs no Mutiny operator, each of which pays for a context capture
     * (docs/PERFORMANCE.md). Fails with a {@link ProblemException} for a post that does not exist.
     */
    public Future<Destination> clickFuture(Target target, Visit visit) {
        PostId post = target.post();
        Network network = target.network();
        return sites.findFuture(post.site()).compose(found -> {
            SiteView site = found.orElseThrow(ClickTally::unknownPost);
            Optional<Network> destination = catalog.destination(network);
            // An <img>, script or fetch of the link on any page is sent on but not counted: only a navigation is a click.
            Refusal refusal = visit.navigation() ? null : Refusal.NOT_NAVIGATION;
            return tally.tally(post, network, site, visit, destination.isEmpty(), refusal, result -> {
                if (destination.isEmpty()) {
                    return new Retired(network, new PostRecord(post, result.target(), Map.of()), alternatives(site));
                }
                if (destination.get().page() != null) {
                    return new Pick(destination.get(), post);
                }
                return new Redirect(catalog.shareUrl(destination.get(), values(site, result.target(), network),
                        visit.userAgent()).orElseThrow());
            });
        });
    }

    /**
     * The template values of the share URL: the post's URL tagged with the network whose button was clicked (the
     * id its shares count under, so arrivals line up with them), unless the site turned the tag off.
     */
    static Map<String, String> values(SiteView site, PostTarget target, Network network) {
        Map<String, String> values = ShareLinks.values(site, target);
        if (site.tagLinks() && target.url() != null) {
            values.put("url", UrlCanonicalizer.tagged(target.url(), network.id()));
        }
        return values;
    }

    private List<Network> alternatives(SiteView site) {
        List<Network> live = site.networks().stream().map(catalog::find).flatMap(Optional::stream)
                .filter(n -> n.isActive() && !n.isAction()).toList();
        return live.isEmpty()
                ? catalog.all().stream().filter(n -> n.isActive() && n.kind() == Network.Kind.LINK).limit(8).toList()
                : live;
    }
}
