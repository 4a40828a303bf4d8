package io.sharepulse.counts;

import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.post.LivePosts;
import io.sharepulse.post.PostRecord;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/** A post's counts as the public sees them: one Redis read, small counts hidden as the site asks. */
@ApplicationScoped
public class CountsService {

    private final LivePosts posts;

    public CountsService(LivePosts posts) {
        this.posts = posts;
    }

    public Uni<Counts> counts(String rawPost) {
        return posts.find(rawPost).map(found -> visible(found.site(), found.post()));
    }

    private static Counts visible(SiteView site, PostRecord post) {
        TreeMap<String, Long> networks = new TreeMap<>();
        post.counts().forEach((network, count) -> Optional.ofNullable(site.visibleCount(count))
                .ifPresent(c -> networks.put(network, c)));
        return new Counts(post.id().value(), site.visibleCount(post.total()), networks);
    }
}
