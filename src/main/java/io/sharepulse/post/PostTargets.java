package io.sharepulse.post;

import java.util.Map;
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

    private record Target(String url, String title, String media) {
    }

    private final Cache<String, Target> cache;

    public PostTargets(SharepulseConfig config) {
        this.cache = Caffeine.newBuilder().maximumSize(config.redis().targetCacheSize()).build();
    }

    public void remember(PostId id, String url, String title, String media) {
        if (url != null) {
            cache.asMap().putIfAbsent(id.value(), new Target(url, title == null ? "" : title, media));
        }
    }

    public Optional<PostRecord> find(PostId id) {
        Target t = cache.getIfPresent(id.value());
        return t == null ? Optional.empty() : Optional.of(new PostRecord(id, t.url(), t.title(), t.media(), Map.of()));
    }
}
