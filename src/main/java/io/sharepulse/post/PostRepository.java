package io.sharepulse.post;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** PostgreSQL side of the post registry. Blocking: call from a worker thread. */
@ApplicationScoped
public class PostRepository {

    private final Clock clock;

    public PostRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers the post unless it exists and returns the stored row. The first registration's title wins: the
     * share API is public, and a later caller must not be able to rewrite what every share of a post says.
     * {@code seeded_at} says when Redis last got the post (see {@link #reseed}).
     */
    @Transactional
    public Post register(PostId id, String url, String title, String media) {
        Post.getEntityManager()
                .createNativeQuery("insert into post (id, site_id, url, title, media, created_at, seeded_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?6) on conflict (id) do update set seeded_at = "
                        + "excluded.seeded_at")
                .setParameter(1, id.value()).setParameter(2, id.site()).setParameter(3, url)
                .setParameter(4, title).setParameter(5, media).setParameter(6, clock.instant())
                .executeUpdate();
        return Post.findById(id.value());
    }

    /**
     * The post, if it and its site are live, marked as given to Redis again now: a post Redis put back (it expired
     * unclicked and is shown again, or Redis lost it) lives there another unclicked-post lifetime, and the clean-up
     * of unclicked posts must not remove its row meanwhile.
     */
    @Transactional
    public Optional<Post> reseed(PostId id) {
        int updated = Post.getEntityManager()
                .createNativeQuery("update post set seeded_at = ?1 where id = ?2 and site_id in "
                        + "(select s.id from site s where s.deleted_at is null)")
                .setParameter(1, clock.instant()).setParameter(2, id.value()).executeUpdate();
        return updated == 0 ? Optional.empty() : Post.findByIdOptional(id.value());
    }

    /** The post, if it and its site are live (used to rebuild Redis after a loss). */
    @Transactional
    public Optional<Post> findLive(PostId id) {
        return Post.<Post>find("id = ?1 and siteId in (select s.id from Site s where s.deletedAt is null)", id.value())
                .firstResultOptional();
    }

    /** Where these posts point, for analytics (of live sites or not); posts the registry does not know are absent. */
    @Transactional
    public Map<PostId, PostTarget> targets(Collection<PostId> ids) {
        Map<PostId, PostTarget> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, PostId> byValue = new HashMap<>();
        ids.forEach(id -> byValue.put(id.value(), id));
        Post.getEntityManager()
                .createQuery("select p.id, p.url, p.title, p.media from Post p where p.id in ?1", Object[].class)
                .setParameter(1, byValue.keySet()).getResultStream()
                .forEach(row -> out.put(byValue.get((String) row[0]),
                        new PostTarget((String) row[1], (String) row[2], (String) row[3])));
        return out;
    }

    /** The post of a live site, whatever Redis holds (the admin's view of a post). */
    @Transactional
    public Optional<Post> find(PostId id) {
        return findLive(id);
    }

    /**
     * Sets what a site admin changed of a post and returns the row; empty when the post or its site is not live.
     *
     * @param title  the new title, or null to keep it
     * @param media  the new image URL, "" to remove it, or null to keep it
     * @param locked the new lock, or null to keep it
     */
    @Transactional
    public Optional<Post> edit(PostId id, String title, String media, Boolean locked) {
        Optional<Post> found = findLive(id);
        found.ifPresent(post -> {
            if (title != null) {
                post.title = title;
            }
            if (media != null) {
                post.media = media.isEmpty() ? null : media;
            }
            if (locked != null) {
                post.locked = locked;
            }
            post.editedAt = clock.instant();
        });
        return found;
    }

    /** The Redis hashes of every post of a site. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> postHashes(String site) {
        return Post.getEntityManager()
                .createQuery("select p.id from Post p where p.siteId = ?1", String.class)
                .setParameter(1, site).getResultStream()
                .map(PostId::parse).flatMap(Optional::stream).map(PostId::hash).toList();
    }
}
