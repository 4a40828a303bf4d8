package io.sharepulse.platform;

import java.util.Collection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Heap bytes of what the in-process caches hold, for Caffeine weighers. Every cache is bounded in bytes, not
 * entries: an entry may hold the longest URL, title and media URL the API admits (tens of times the usual size),
 * so a bound by count lets whoever registers the largest entries choose how much heap a full cache takes. The
 * estimates err high (a character as two bytes, whatever the string's coder).
 */
public final class CacheWeights {

    /** One entry's own cost: Caffeine's node (links, timestamps), the hash table slot and the value's object. */
    public static final int ENTRY = 128;

    private CacheWeights() {
    }

    /** A string: its object and array headers, and two bytes a character. */
    public static int of(String s) {
        return s == null ? 0 : 48 + 2 * s.length();
    }

    /** A list of strings: the list and each string. */
    public static int of(Collection<String> strings) {
        if (strings == null) {
            return 0;
        }
        int bytes = 32 + 8 * strings.size();
        for (String s : strings) {
            bytes += of(s);
        }
        return bytes;
    }

    /** An entry of a cache keyed by {@code key}, holding strings {@code values}, nothing else of size. */
    public static int entry(String key, String... values) {
        int bytes = ENTRY + of(key);
        for (String v : values) {
            bytes += of(v);
        }
        return bytes;
    }

    /**
     * {@code sharepulse_cache_weight_bytes{cache}} (what the cache holds now, by the weigher) and
     * {@code sharepulse_cache_max_weight_bytes{cache}} (its bound), so an operator sees how full each is.
     */
    public static void meter(MeterRegistry registry, String name, Cache<?, ?> cache) {
        Policy.Eviction<?, ?> eviction = cache.policy().eviction()
                .orElseThrow(() -> new IllegalStateException(name + " is not bounded"));
        Gauge.builder("sharepulse.cache.weight", cache, CacheWeights::weighed).baseUnit("bytes")
                .description("Estimated heap an in-process cache holds").tag("cache", name).register(registry);
        Gauge.builder("sharepulse.cache.max.weight", eviction, e -> e.getMaximum()).baseUnit("bytes")
                .description("The bound of an in-process cache").tag("cache", name).register(registry);
    }

    /** What a bounded cache holds now, by its weigher. */
    public static long weighed(Cache<?, ?> cache) {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
