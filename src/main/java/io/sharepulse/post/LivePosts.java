package io.sharepulse.post;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * A post of a live site by its public id ({@code site.hash}), with the site: what the counts API and our pages
 * about a post ({@code ?post=…} from the counted redirect: the fediverse picker, the QR code page) look up.
 */
@ApplicationScoped
public class LivePosts {

    /** A post of a live site. */
    public record Found(SiteView site, PostRecord post) {
    }

    private final SiteDirectory sites;
    private final PostRegistry posts;

    public LivePosts(SiteDirectory sites, PostRegistry posts) {
        this.sites = sites;
        this.posts = posts;
    }

    /** Fails with 404 {@code unknown-post} for an id that is malformed or of no site or post we know. */
    public Uni<Found> find(String rawPost) {
        PostId id = PostId.parse(rawPost).orElseThrow(LivePosts::unknownPost);
        return sites.find(id.site()).chain(site -> {
            if (site.isEmpty()) {
                throw unknownPost();
            }
            return posts.findOrRestore(id).map(found -> new Found(site.get(), found.orElseThrow(LivePosts::unknownPost)));
        });
    }

    public static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }
}
