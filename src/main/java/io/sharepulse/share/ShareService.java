package io.sharepulse.share;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.site.SiteDirectory;
import io.smallrye.mutiny.Uni;

/** The share API: a page's post, registered on first sight, with its buttons and counts. */
@ApplicationScoped
public class ShareService {

    private final SiteDirectory sites;
    private final PostRegistry posts;
    private final ShareLinks links;
    private final PublicLimits limits;

    public ShareService(SiteDirectory sites, PostRegistry posts, ShareLinks links, PublicLimits limits) {
        this.sites = sites;
        this.posts = posts;
        this.links = links;
        this.limits = limits;
    }

    /**
     * @param visit who asks: a page seen for the first time counts against their registration limit
     * @param fetch how the browser made the request: only a page's own request registers a new page
     */
    public Uni<ShareDocument> share(String siteId, String url, String title, String media, String baseUrl,
            Visit visit, Fetch fetch) {
        return sites.find(siteId).chain(site -> {
            if (site.isEmpty()) {
                throw ProblemException.notFound("unknown-site", "No site has this id.");
            }
            return posts.register(site.get(), url, title, media, limits.registration(site.get(), visit, fetch),
                    limits.newPost(siteId))
                    .map(post -> links.document(site.get(), post, baseUrl));
        });
    }
}
