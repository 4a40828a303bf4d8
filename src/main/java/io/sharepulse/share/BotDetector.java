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
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.platform.CacheWeights;

/**
 * Tells crawlers and link-preview fetchers from readers, by the maintained {@code crawler-user-agents} list
 * (refreshed with {@code scripts/update-bot-list.sh}) plus {@code bots/extra-patterns.txt}. Testing ~1,500
 * patterns costs tens of microseconds, so verdicts are cached per User-Agent; browsers send few distinct ones.
 * The cache is bounded in bytes ({@link #VERDICT_CACHE_BYTES}): a client that sends a new 512-character
 * User-Agent every time only churns it.
 */
@Singleton
public class BotDetector {

    /** Longer User-Agents are judged (and cached) by their start; real ones are far shorter. */
    static final int MAX_UA = 512;

    /** Some 19,000 User-Agents of usual length (about 130 characters), 7,000 of the longest judged. */
    static final long VERDICT_CACHE_BYTES = 8L * 1024 * 1024;

    private final List<Pattern> patterns;
    private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumWeight(VERDICT_CACHE_BYTES)
            .<String, Boolean>weigher((ua, verdict) -> CacheWeights.entry(ua)).build();

    public BotDetector(ObjectMapper json, MeterRegistry registry) {
        CacheWeights.meter(registry, "bot-verdicts", verdicts);
        List<Pattern> compiled = new ArrayList<>();
        for (String p : listed(json)) {
            compiled.add(Pattern.compile(p));
        }
        for (String p : extra()) {
            compiled.add(Pattern.compile(p));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** A missing User-Agent is a script, not a reader. */
    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String ua = userAgent.length() > MAX_UA ? userAgent.substring(0, MAX_UA) : userAgent;
        return verdicts.get(ua, this::matches);
    }

    /** Speculative loads (prefetch, prerender, previews) are not clicks. */
    public static boolean isPrefetch(String secPurpose, String purpose, String xPurpose, String xMoz) {
        return contains(secPurpose, "prefetch") || contains(purpose, "prefetch") || contains(xPurpose, "preview")
                || contains(xMoz, "prefetch");
    }

    private boolean matches(String ua) {
        for (Pattern p : patterns) {
            if (p.matcher(ua).find()) {
                return true;
            }
        }
        return false;
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
