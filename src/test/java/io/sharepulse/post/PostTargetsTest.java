package io.sharepulse.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.sharepulse.TestConfig;

/**
 * The in-process targets are bounded by the heap they take, whatever the posts hold: a flood of posts with the
 * longest URL, title and media URL the API admits cannot take more than the setting.
 */
class PostTargetsTest {

    static final long BOUND = 1024 * 1024;

    static PostTargets bounded(long bytes) {
        return new PostTargets(TestConfig.of(Map.of("redis.targetCacheMemory", new MemorySize(java.math.BigInteger.valueOf(bytes)))),
                new SimpleMeterRegistry());
    }

    /** The longest of everything: a 2,048-character URL and media URL, 300 astral code points of title. */
    static String[] largest(int i) {
        String url = "https://blog.example/" + i + "/";
        url += "a".repeat(UrlCanonicalizer.MAX_LENGTH - url.length());
        String title = "\uD83D\uDE00".repeat(PostRegistry.MAX_TITLE);
        String media = "https://cdn.example/" + i + "/";
        media += "m".repeat(UrlCanonicalizer.MAX_LENGTH - media.length());
        return new String[] { url, title, media };
    }

    @Test
    void aFloodOfTheLargestPostsStaysWithinTheBound() {
        PostTargets targets = bounded(BOUND);
        int posts = 5_000; // some 50 MB of strings: fifty times the bound
        for (int i = 0; i < posts; i++) {
            String[] p = largest(i);
            targets.remember(PostId.derive("flood", p[0]), new PostTarget(p[0], p[1], p[2]));
        }
        assertThat(targets.weighedBytes()).isPositive().isLessThanOrEqualTo(BOUND);
        // The cache still does its job: it holds as many of them as fit (about 100 of 10 KB), each whole.
        int kept = 0;
        for (int i = 0; i < posts; i++) {
            String[] p = largest(i);
            var found = targets.find(PostId.derive("flood", p[0]));
            if (found.isPresent()) {
                kept++;
                assertThat(found.get().url()).isEqualTo(p[0]);
                assertThat(found.get().title()).isEqualTo(p[1]);
                assertThat(found.get().media()).isEqualTo(p[2]);
            }
        }
        String[] any = largest(0);
        long each = io.sharepulse.platform.CacheWeights.entry(PostId.derive("flood", any[0]).value(), any);
        assertThat(kept * each).as("what the kept posts take").isLessThanOrEqualTo(BOUND);
        assertThat(kept).isGreaterThan(50);
    }

    @Test
    void eachPostIsWeighedByWhatItHolds() {
        PostTargets targets = bounded(BOUND);
        String[] p = largest(1);
        targets.remember(PostId.derive("weigh", p[0]), new PostTarget(p[0], p[1], p[2]));
        long largest = targets.weighedBytes();
        // Two bytes a character at the least: 2 x (2,048 + 600 + 2,048) characters.
        assertThat(largest).isGreaterThan(2L * (2048 + 600 + 2048));
        PostTargets usual = bounded(BOUND);
        usual.remember(PostId.derive("weigh", "https://blog.example/2026/05/a-post-of-usual-length"), new PostTarget(
                "https://blog.example/2026/05/a-post-of-usual-length", "A post of usual length, with a title", null));
        assertThat(usual.weighedBytes()).isLessThan(largest / 10);
    }
}
