package io.sharepulse.share;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/** The share API: a page's post, registered on first sight, with its buttons and counts. */
@ApplicationScoped
public class ShareService {

    private final SiteDirectory sites;
    private final PostRegistry posts;
    private final ShareLinks links;
    private final PublicLimits limits;
    private final ShareBars bars;

    public ShareService(SiteDirectory sites, PostRegistry posts, ShareLinks links, PublicLimits limits,
            ShareBars bars) {
        this.sites = sites;
        this.posts = posts;
        this.links = links;
        this.limits = limits;
        this.bars = bars;
    }

    /**
     * @param visit who asks: a page seen for the first time counts against their registration limit
     * @param fetch how the browser made the request: only a page's own request registers a new page
     */
    public Uni<ShareDocument> share(String siteId, String url, String title, String media, String baseUrl,
            Visit visit, Fetch fetch) {
        return post(siteId, url, title, media, visit, fetch)
                .map(found -> links.document(found.site(), found.post(), baseUrl));
    }

    /** The same page's lean answer: its counts, and where its site's bar is. */
    public Uni<ShareCounts> counts(String siteId, String url, String title, String media, Visit visit, Fetch fetch) {
        return post(siteId, url, title, media, visit, fetch)
                .map(found -> links.counts(found.site(), found.post(), bars.of(found.site())));
    }

    /**
     * {@link #counts} on Vert.x futures, for the page-view route: a page Redis knows is answered in one round trip
     * without Mutiny's operators; a page seen for the first time is registered as {@link #counts} does.
     *
     * @param visit who asks, read only for a page seen for the first time (its registration limit): a page view of
     *              a known page does not need it
     */
    public Future<ShareCounts> countsFuture(String siteId, String url, String title, String media,
            Supplier<Visit> visit, Fetch fetch) {
        return sites.findFuture(siteId).compose(site -> {
            if (site.isEmpty()) {
                return Future.failedFuture(ProblemException.notFound("unknown-site", "No site has this id."));
            }
            return posts.known(site.get(), url, title, media).compose(known -> known.isPresent()
                    ? Future.succeededFuture(links.counts(site.get(), known.get(), bars.of(site.get())))
                    : Future.fromCompletionStage(counts(siteId, url, title, media, visit.get(), fetch)
                            .subscribeAsCompletionStage()));
        });
    }

    /** A site's current bar; empty for an unknown site. */
    public Uni<Optional<ShareBars.Bar>> bar(String siteId) {
        return sites.find(siteId).map(site -> site.map(bars::of));
    }

    private record Found(SiteView site, PostRecord post) {
    }

    private Uni<Found> post(String siteId, String url, String title, String media, Visit visit, Fetch fetch) {
        return sites.find(siteId).chain(site -> {
            if (site.isEmpty()) {
                throw ProblemException.notFound("unknown-site", "No site has this id.");
            }
            return posts.register(site.get(), url, title, media, limits.registration(site.get(), visit, fetch),
                    limits.newPost(siteId))
                    .map(post -> new Found(site.get(), post));
        });
    }
}
