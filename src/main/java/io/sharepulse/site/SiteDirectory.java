package io.sharepulse.site;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;

/**
 * Sites as the hot paths see them: an in-process snapshot, so a click or a share request reads its site's
 * settings without touching PostgreSQL. Loaded on a worker thread on first use, refreshed in the background
 * (other pods' edits show within the refresh interval; the last good value stays if PostgreSQL is down), and
 * dropped at once when this pod changes a site. An id no site has is remembered as such for
 * {@link #UNKNOWN_FOR} only, so a site created on another pod is seen soon, and repeated requests for a made-up
 * id cost one PostgreSQL query, not one each. Bounded in bytes ({@link #MAX_BYTES}), as a site may list 50 long
 * domains.
 */
@Singleton
public class SiteDirectory {

    private static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration UNKNOWN_FOR = Duration.ofSeconds(5);
    /** Thousands of sites of usual size (about 1 KB each), some 500 of the largest allowed. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final AsyncLoadingCache<String, Optional<SiteView>> cache;

    public SiteDirectory(SiteService sites, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES)
                .<String, Optional<SiteView>>weigher(SiteDirectory::weigh)
                .expireAfter(Expiry.<String, Optional<SiteView>>writing(
                        (id, site) -> site.isEmpty() ? UNKNOWN_FOR : ChronoUnit.FOREVER.getDuration()))
                .refreshAfterWrite(REFRESH)
                .executor(Infrastructure.getDefaultWorkerPool())
                .buildAsync(sites::find);
        CacheWeights.meter(registry, "sites", cache.synchronous());
    }

    static int weigh(String id, Optional<SiteView> found) {
        return CacheWeights.entry(id) + found.map(s -> 256 + CacheWeights.of(s.name()) + CacheWeights.of(s.domains())
                + CacheWeights.of(s.networks()) + CacheWeights.of(s.theme()) + CacheWeights.of(s.via())
                + CacheWeights.of(s.hashtags()) + CacheWeights.of(s.queryParams())).orElse(0);
    }

    /** The live site with this id, if any. Completes at once when the site is cached. */
    public Uni<Optional<SiteView>> find(String id) {
        Future<Optional<SiteView>> site = findFuture(id);
        return site.succeeded() ? Uni.createFrom().item(site.result())
                : Uni.createFrom().completionStage(site::toCompletionStage);
    }

    /** {@link #find} as a Vert.x future, for the click path (no Mutiny operators there). */
    public Future<Optional<SiteView>> findFuture(String id) {
        if (id == null || !SiteRequest.ID.matcher(id).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        CompletableFuture<Optional<SiteView>> future = cache.get(id);
        if (future.isDone() && !future.isCompletedExceptionally()) {
            return Future.succeededFuture(future.join());
        }
        return Future.fromCompletionStage(future);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiteChanged change) {
        cache.synchronous().invalidate(change.siteId());
    }
}
