package io.sharepulse.post;

import java.util.Optional;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.sharepulse.platform.SharepulseConfig;

/**
 * Where recently seen posts point, kept in process with a bound: when Redis cannot answer a click, the reader is
 * still redirected from here without waiting on PostgreSQL. Only url, title and media are kept (no counts).
 */
@Singleton
public class PostTargets {

    private final Cache<String, PostTarget> cache;

    public PostTargets(SharepulseConfig config) {
        this.cache = Caffeine.newBuilder().maximumSize(config.redis().targetCacheSize()).build();
    }

    public void remember(PostId id, PostTarget target) {
        if (target.url() != null) {
            cache.asMap().putIfAbsent(id.value(),
                    target.title() == null ? new PostTarget(target.url(), "", target.media()) : target);
        }
    }

    public Optional<PostTarget> find(PostId id) {
        return Optional.ofNullable(cache.getIfPresent(id.value()));
    }
}
