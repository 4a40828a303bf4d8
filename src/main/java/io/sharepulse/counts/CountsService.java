package io.sharepulse.counts;

import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/** A post's counts as the public sees them: one Redis read, small counts hidden as the site asks. */
@ApplicationScoped
public class CountsService {

    private final SiteDirectory sites;
    private final PostRegistry posts;

    public CountsService(SiteDirectory sites, PostRegistry posts) {
        this.sites = sites;
        this.posts = posts;
    }

    public Uni<Counts> counts(String rawPost) {
        PostId id = PostId.parse(rawPost).orElseThrow(CountsService::unknown);
        return sites.find(id.site()).chain(site -> {
            if (site.isEmpty()) {
                throw unknown();
            }
            return posts.findOrRestore(id).map(found -> visible(site.get(), found.orElseThrow(CountsService::unknown)));
        });
    }

    private static Counts visible(SiteView site, PostRecord post) {
        TreeMap<String, Long> networks = new TreeMap<>();
        post.counts().forEach((network, count) -> Optional.ofNullable(site.visibleCount(count))
                .ifPresent(c -> networks.put(network, c)));
        return new Counts(post.id().value(), site.visibleCount(post.total()), networks);
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }
}
