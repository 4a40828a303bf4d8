package io.sharepulse.post;

import java.util.Optional;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;
import io.sharepulse.platform.SharepulseConfig;

/**
 * Where recently seen posts point, kept in process with a bound: when Redis cannot answer a click, the reader is
 * still redirected from here without waiting on PostgreSQL. Only url, title and media are kept (no counts). Bounded
 * in bytes ({@code sharepulse.redis.target-cache-memory}), not entries: posts with the longest URL, title and media
 * allowed must not be able to fill the heap. Filled by new registrations and by clicks that count, never by HEAD
 * requests, bots or peeks, which anybody can send without limit.
 */
@Singleton
public class PostTargets {

    /** How long a copy is kept before the next counted click refreshes it from Redis. */
    public static final java.time.Duration REFRESH = java.time.Duration.ofMinutes(5);

    private final Cache<String, PostTarget> cache;

    public PostTargets(SharepulseConfig config, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.redis().targetCacheMemory().asLongValue())
                // A copy is refilled by the next counted click after this: an admin's edit made on another
                // instance reaches this one's fallback copy within that time.
                .expireAfterWrite(REFRESH)
                .<String, PostTarget>weigher((id, t) -> CacheWeights.entry(id, t.url(), t.title(), t.media()))
                .build();
        CacheWeights.meter(registry, "post-targets", cache);
    }

    public void remember(PostId id, PostTarget target) {
        if (target.url() != null) {
            cache.asMap().putIfAbsent(id.value(),
                    target.title() == null ? new PostTarget(target.url(), "", target.media()) : target);
        }
    }

    /**
     * A site admin changed where the post points: this instance's copy follows at once. Other instances' copies
     * (read only while Redis cannot answer) follow within {@link #REFRESH}.
     */
    public void replace(PostId id, PostTarget target) {
        cache.asMap().computeIfPresent(id.value(), (k, old) -> target.title() == null
                ? new PostTarget(target.url(), "", target.media()) : target);
    }

    public Optional<PostTarget> find(PostId id) {
        return Optional.ofNullable(cache.getIfPresent(id.value()));
    }

    /** The estimated heap the targets hold now. */
    public long weighedBytes() {
        return CacheWeights.weighed(cache);
    }
}
