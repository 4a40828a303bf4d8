package io.sharepulse.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;

/**
 * Each post's last closed click day (post_last), remembered for the posts Redis counts on open days: a posts
 * page must know which of them are new to its range, and looking up the day's several thousand posts on every
 * call cost 15–40 ms. Exact: post_last changes only in the rollup's write, which moves the site's rollup version,
 * and a new version drops what was remembered. Memory: a site's posts of the open days, for the sites asked about
 * last, within {@link #MAX_BYTES} (a site whose open days hold more posts than that is looked up afresh).
 */
@ApplicationScoped
public class LastClicks {

    /** Some 75,000 posts' days in all. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** A remembered post: its 13-character hash, a boxed day and the map's node. */
    private static final int POST_BYTES = 112;
    /** Remembered for a post that has no closed click day. */
    private static final long NEVER = Long.MIN_VALUE;

    private record Memo(long version, Map<String, Long> days) {
    }

    private final BlockQueries blocks;
    private final Cache<String, Memo> memos = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .<String, Memo>weigher((site, memo) -> CacheWeights.entry(site) + POST_BYTES * memo.days().size())
            .build();

    public LastClicks(BlockQueries blocks, MeterRegistry registry) {
        this.blocks = blocks;
        CacheWeights.meter(registry, "last-clicks", memos);
    }

    /**
     * How many of these posts (hashes of the site's posts) had no closed click on or after {@code from}, as of
     * rollup version {@code version}.
     */
    public long notClickedSince(String site, long version, LocalDate from, Collection<String> posts) {
        Memo memo = memos.asMap().compute(site, (s, known) -> known != null && known.version() == version ? known
                : new Memo(version, new ConcurrentHashMap<>()));
        List<String> unknown = new ArrayList<>();
        for (String post : posts) {
            if (!memo.days().containsKey(post)) {
                unknown.add(post);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, LocalDate> found = blocks.lastClickDays(site, unknown);
            for (String post : unknown) {
                LocalDate day = found.get(post);
                memo.days().put(post, day == null ? NEVER : day.toEpochDay());
            }
            memos.asMap().replace(site, memo, memo); // weighed again, with the posts it holds now
        }
        long since = from.toEpochDay();
        long count = 0;
        for (String post : posts) {
            if (memo.days().get(post) < since) {
                count++;
            }
        }
        return count;
    }
}
