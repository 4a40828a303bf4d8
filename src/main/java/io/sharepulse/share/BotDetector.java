package io.sharepulse.share;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;

/**
 * Tells crawlers and link-preview fetchers from readers, by the maintained {@code crawler-user-agents} list
 * (refreshed with {@code scripts/update-bot-list.sh}) plus {@code bots/extra-patterns.txt}. The ~1,500 patterns
 * are not tried one by one (400–500 µs for a User-Agent never seen): {@link CrawlerPatterns} finds the words they
 * require in one pass and runs only the few patterns whose words occur, a few microseconds, so readers who all send
 * different User-Agents (or a client that rotates them) cost no more than one. Verdicts of User-Agents that hold a
 * crawler's word (crawlers, mostly) are still cached, since running their patterns costs more; the cache is bounded
 * in bytes ({@link #VERDICT_CACHE_BYTES}).
 */
@Singleton
public class BotDetector {

    /** Longer User-Agents are judged (and cached) by their start; real ones are far shorter. */
    static final int MAX_UA = 512;

    /** Some 19,000 User-Agents of usual length (about 130 characters), 7,000 of the longest judged. */
    static final long VERDICT_CACHE_BYTES = 8L * 1024 * 1024;

    private final CrawlerPatterns patterns;
    private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumWeight(VERDICT_CACHE_BYTES)
            .<String, Boolean>weigher((ua, verdict) -> CacheWeights.entry(ua)).build();

    public BotDetector(ObjectMapper json, MeterRegistry registry) {
        CacheWeights.meter(registry, "bot-verdicts", verdicts);
        this.patterns = CrawlerPatterns.compile(patterns(json));
    }

    /** The maintained list's patterns, then ours: each a Java regex found anywhere in a User-Agent. */
    static List<String> patterns(ObjectMapper json) {
        List<String> all = new ArrayList<>(listed(json));
        all.addAll(extra());
        return List.copyOf(all);
    }

    /** A missing User-Agent is a script, not a reader. */
    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String ua = userAgent.length() > MAX_UA ? userAgent.substring(0, MAX_UA) : userAgent;
        if (!patterns.mayMatch(ua)) {
            // No crawler's word in it (every browser): told faster than the cache could, and not worth a place there.
            return false;
        }
        return verdicts.get(ua, this::matches);
    }

    /** Waits until the fast gate is built (tests and the benchmark). */
    BotDetector ready() {
        patterns.ready();
        return this;
    }

    /** Speculative loads (prefetch, prerender, previews) are not clicks. */
    public static boolean isPrefetch(String secPurpose, String purpose, String xPurpose, String xMoz) {
        return contains(secPurpose, "prefetch") || contains(purpose, "prefetch") || contains(xPurpose, "preview")
                || contains(xMoz, "prefetch");
    }

    private boolean matches(String ua) {
        return patterns.matches(ua);
    }

    private static boolean contains(String header, String token) {
        return header != null && header.toLowerCase(Locale.ROOT).contains(token);
    }

    private static List<String> listed(ObjectMapper json) {
        try (InputStream in = resource("bots/crawler-user-agents.json")) {
            return List.of(json.readValue(in, BotList.class).patterns());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> extra() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource("bots/extra-patterns.txt"),
                StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BotDetector.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bot list " + name + " is missing");
        }
        return in;
    }

    record BotList(String source, String[] patterns) {
    }
}
