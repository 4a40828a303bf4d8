package io.sharepulse.post;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.site.SiteChanged;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The post registry: a post is known once a page of its site asked for share links. Redis answers the common
 * case (a known post: one round trip); PostgreSQL is written once per post and read when Redis lost a post.
 */
@ApplicationScoped
public class PostRegistry {

    private static final Logger LOG = Logger.getLogger(PostRegistry.class);
    public static final int MAX_TITLE = 300;
    /** How long an id PostgreSQL does not know is taken as unknown without asking again. */
    static final Duration UNKNOWN_FOR = Duration.ofSeconds(5);

    private final UrlCanonicalizer canonicalizer;
    private final PostStore store;
    private final PostRepository repository;
    private final PostTargets targets;
    private final Instance<DurableCounts> history;
    /**
     * Post ids PostgreSQL did not know a moment ago: a link to a post that does not exist (a typo, a deleted site's
     * post, a made-up id) is clicked again and again, and each click would otherwise cost a transaction.
     */
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder().expireAfterWrite(UNKNOWN_FOR)
            .maximumWeight(1024 * 1024).<String, Boolean>weigher((id, v) -> CacheWeights.entry(id)).build();

    /**
     * The page-view path's checks of the pages asked for a moment ago (canonical URL, post id, cleaned title): a
     * popular post is viewed again and again with the same URL and title, and canonicalising and hashing them cost
     * more than the Redis read. Only pages that passed the checks are kept; bounded by weight like every cache.
     */
    private final Cache<Asked, Page> pages = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumWeight(4L * 1024 * 1024)
            .<Asked, Page>weigher((a, p) -> CacheWeights.entry(a.url(), a.title(), a.media(), p.url(), p.title(),
                    p.media(), p.id().value()))
            .build();

    public PostRegistry(UrlCanonicalizer canonicalizer, PostStore store, PostRepository repository,
            PostTargets targets, Instance<DurableCounts> history, MeterRegistry registry) {
        this.canonicalizer = canonicalizer;
        this.store = store;
        this.repository = repository;
        this.targets = targets;
        this.history = history;
        CacheWeights.meter(registry, "unknown-posts", unknown);
        CacheWeights.meter(registry, "asked-pages", pages);
    }

    /**
     * The post for a page of {@code site}, registering it on first sight. A post Redis no longer has (it expired
     * unclicked, or Redis lost it) is put back from PostgreSQL.
     *
     * @param admission    subscribed when Redis does not have the post, before anything is written (a rate limit)
     * @param newPost      subscribed when PostgreSQL does not have it either, before it is inserted (a ceiling)
     * @throws ProblemException 400 for a malformed URL, title or media URL; 422 for a host the site does not own
     */
    public Uni<PostRecord> register(SiteView site, String rawUrl, String rawTitle, String rawMedia,
            Uni<Void> admission, Uni<Void> newPost) {
        Page page = page(site, rawUrl, rawTitle, rawMedia);
        PostId id = page.id();
        String url = page.url();
        String title = page.title();
        String media = page.media();
        return store.read(id).chain(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : admission.chain(() -> worker(() -> repository.reseed(id)))
                        .chain(known -> known.isPresent() ? Uni.createFrom().item(known.get())
                                : newPost.chain(() -> worker(() -> repository.register(id, url, title, media))))
                        .map(Post::target)
                        .chain(target -> store.seed(id, target).replaceWith(new PostRecord(id, target, Map.of())))
                        // A page seen for the first time is likely clicked soon; a known one is remembered when it is.
                        .invoke(post -> {
                            unknown.invalidate(id.value());
                            targets.remember(id, post.target());
                        }));
    }

    /**
     * The image URL canonicalized, if its host is the site's or one of its media domains.
     *
     * @throws ProblemException 400 for a malformed URL, 422 for a host the site does not name
     */
    private String media(SiteView site, String raw) {
        String media = canonicalizer.canonicalize(raw, false);
        if (!site.allowsMediaHost(UrlCanonicalizer.host(media))) {
            throw new ProblemException(422, "media-host-not-allowed", "Image host not allowed",
                    "An image URL must be on one of the site's domains or its mediaDomains; add the host to the "
                            + "site's mediaDomains.");
        }
        return media;
    }

    /**
     * What a site admin changes of a post: its title, its image, and whether they are locked (a locked post is
     * never removed as unclicked, so no later registration can choose them again). The next click's redirect
     * uses the change on every instance (the click reads the post from Redis); this instance's fallback copy
     * follows at once, other instances' within {@link PostTargets#REFRESH}.
     *
     * @param title  the new title, or null to keep it
     * @param media  the new image URL, "" to remove it, or null to keep it
     * @param locked the new lock, or null to keep it
     * @throws ProblemException 404 for a post the site does not have, 400/422 as for a registration
     */
    public Uni<Post> edit(SiteView site, PostId id, String title, String media, Boolean locked) {
        if (!id.site().equals(site.id())) {
            throw unknownPostOfSite();
        }
        String cleanTitle = title == null ? null : cleanTitle(title);
        String cleanMedia = media == null ? null : media.isBlank() ? "" : media(site, media);
        return worker(() -> repository.edit(id, cleanTitle, cleanMedia, locked))
                .map(found -> found.orElseThrow(PostRegistry::unknownPostOfSite))
                .call(post -> store.edit(id, post.target(), post.locked))
                .invoke(post -> {
                    unknown.invalidate(id.value());
                    targets.replace(id, post.target());
                });
    }

    /** A post of a live site, as PostgreSQL has it (the admin's view); empty for another site's post. */
    public Uni<Optional<Post>> details(SiteView site, PostId id) {
        if (!id.site().equals(site.id())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return worker(() -> repository.find(id));
    }

    static ProblemException unknownPostOfSite() {
        return ProblemException.notFound("unknown-post", "This site has no post with this id.");
    }

    /** A page as the share API is asked for it, checked and canonical. */
    private record Page(PostId id, String url, String title, String media) {
    }

    /** @throws ProblemException 400 for a malformed URL, title or media URL; 422 for a host the site does not own */
    private Page page(SiteView site, String rawUrl, String rawTitle, String rawMedia) {
        String url = canonicalizer.canonicalize(rawUrl, site.queryParams());
        String host = UrlCanonicalizer.host(url);
        if (!site.allowsHost(host)) {
            throw new ProblemException(422, "host-not-allowed", "Host not allowed",
                    "This site does not include the URL's host; add it to the site's domains.");
        }
        String title = cleanTitle(rawTitle);
        String media = rawMedia == null || rawMedia.isBlank() ? null : media(site, rawMedia);
        return new Page(PostId.derive(site.id(), url), url, title, media);
    }

    /**
     * The page-view path: the post of a page Redis knows, checked as {@link #register} checks it, in one round trip
     * on the event loop's own connection; empty when Redis does not know it (then {@link #register} it).
     *
     * @return a failed future with the {@link ProblemException} {@link #register} would throw
     */
    public Future<Optional<PostRecord>> known(SiteView site, String rawUrl, String rawTitle, String rawMedia) {
        Asked asked = new Asked(site, rawUrl, rawTitle, rawMedia);
        Page page = pages.getIfPresent(asked);
        if (page == null) {
            try {
                page = page(site, rawUrl, rawTitle, rawMedia);
            } catch (ProblemException e) {
                return Future.failedFuture(e);
            }
            pages.put(asked, page);
        }
        return store.readFuture(page.id());
    }

    /**
     * A page as it was asked for. The site is compared by identity: the directory hands out one snapshot per site
     * until the site changes, and a changed site (other domains, other query parameters) must be checked afresh.
     */
    private record Asked(SiteView site, String url, String title, String media) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Asked a && a.site == site && Objects.equals(a.url, url)
                    && Objects.equals(a.title, title) && Objects.equals(a.media, media);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(site), url, title, media);
        }
    }

    private static <T> Uni<T> worker(java.util.function.Supplier<T> blocking) {
        return Uni.createFrom().item(blocking).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The post as Redis knows it, without registering anything. */
    public Uni<Optional<PostRecord>> find(PostId id) {
        return store.read(id);
    }

    /** The post as Redis knows it, else put back from PostgreSQL; empty when neither knows it. */
    public Uni<Optional<PostRecord>> findOrRestore(PostId id) {
        return find(id).chain(found -> found.isPresent() ? Uni.createFrom().item(found) : restore(id));
    }

    /**
     * Puts a post Redis no longer has (restart without persistence, eviction) back from PostgreSQL, with its
     * all-time counts from the durable history (closed days rolled up so far; the lost open day cannot come back).
     * Empty when the post or its site does not exist.
     */
    public Uni<Optional<PostRecord>> restore(PostId id) {
        if (isUnknown(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        // Marked as put back now: the clean-up of unclicked posts leaves it alone while Redis may hold it.
        return Uni.createFrom().item(() -> remember(id, repository.reseed(id)).map(row -> new PostRecord(id,
                row.target(), history.isResolvable() ? history.get().allTime(id) : Map.of())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> found.isEmpty() ? Uni.createFrom().item(found)
                        : store.restore(found.get())
                                .chain(() -> store.read(id))
                                .map(read -> read.or(() -> found)));
    }

    /**
     * The post from PostgreSQL alone, without touching Redis: where to send a reader while Redis is unavailable.
     */
    public Uni<Optional<PostTarget>> findDurable(PostId id) {
        if (isUnknown(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(() -> remember(id, repository.findLive(id)).map(Post::target))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private boolean isUnknown(PostId id) {
        return unknown.getIfPresent(id.value()) != null;
    }

    private Optional<Post> remember(PostId id, Optional<Post> found) {
        if (found.isEmpty()) {
            unknown.put(id.value(), Boolean.TRUE);
        }
        return found;
    }

    /**
     * Control characters become spaces, bidirectional overrides (used to disguise text) go, runs of white space
     * shrink to one; more than {@value #MAX_TITLE} characters is refused so a page's title is never cut silently.
     */
    public static String cleanTitle(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\uFFFD') {
                throw ProblemException.badRequest("invalid-title", "The title contains invalid UTF-8.");
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.codePointCount(0, out.length()) > MAX_TITLE) {
            throw ProblemException.badRequest("invalid-title", "The title is longer than " + MAX_TITLE + " characters.");
        }
        return out.toString();
    }

    /** A deleted site's links stop working: drop its post hashes (counters expire on their own TTLs). */
    void onSiteDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiteChanged change) {
        if (!change.deleted()) {
            return;
        }
        var hashes = repository.postHashes(change.siteId());
        for (int from = 0; from < hashes.size(); from += 500) {
            var batch = hashes.subList(from, Math.min(hashes.size(), from + 500));
            store.unlink(change.siteId(), batch).await().indefinitely();
        }
        LOG.infof("Site %s deleted: %d post hashes removed from Redis", change.siteId(), hashes.size());
    }
}
