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

    public ShareService(SiteDirectory sites, PostRegistry posts, ShareLinks links) {
        this.sites = sites;
        this.posts = posts;
        this.links = links;
    }

    public Uni<ShareDocument> share(String siteId, String url, String title, String media, String baseUrl) {
        return sites.find(siteId).chain(site -> {
            if (site.isEmpty()) {
                throw ProblemException.notFound("unknown-site", "No site has this id.");
            }
            return posts.register(site.get(), url, title, media)
                    .map(post -> links.document(site.get(), post, baseUrl));
        });
    }
}
