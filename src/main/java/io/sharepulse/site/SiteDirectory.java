package io.sharepulse.site;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;

/**
 * Sites as the hot paths see them: an in-process snapshot, so a click or a share request reads its site's
 * settings without touching PostgreSQL. Loaded on a worker thread on first use, refreshed in the background
 * (other pods' edits show within the refresh interval; the last good value stays if PostgreSQL is down), and
 * dropped at once when this pod changes a site.
 */
@Singleton
public class SiteDirectory {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final AsyncLoadingCache<String, Optional<SiteView>> cache;

    public SiteDirectory(SiteService sites) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(REFRESH)
                .executor(Infrastructure.getDefaultWorkerPool())
                .buildAsync(sites::find);
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
