package io.sharepulse.widget;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/** The post a page of ours is about ({@code ?post=…}, from the counted redirect), with its site. */
@ApplicationScoped
public class PostPages {

    /** A post of a live site. */
    public record Found(SiteView site, PostRecord post) {
    }

    private final SiteDirectory sites;
    private final PostRegistry posts;

    public PostPages(SiteDirectory sites, PostRegistry posts) {
        this.sites = sites;
        this.posts = posts;
    }

    /** Fails with 404 {@code unknown-post} for an id that is malformed or of no site or post we know. */
    public Uni<Found> find(String rawPost) {
        PostId id = PostId.parse(rawPost).orElseThrow(PostPages::unknownPost);
        return sites.find(id.site()).chain(site -> {
            if (site.isEmpty()) {
                throw unknownPost();
            }
            return posts.findOrRestore(id).map(found -> new Found(site.get(), found.orElseThrow(PostPages::unknownPost)));
        });
    }

    static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }
}
