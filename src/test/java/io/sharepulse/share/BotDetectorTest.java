package io.sharepulse.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The bot check against real data: the crawler list's own examples ({@code bots/crawler-instances.txt}, from
 * {@code crawler-user-agents}) must be caught, real browsers ({@code bots/browser-user-agents.txt}, from
 * {@code top-user-agents} and {@code user-agents}) never; and on all of them, and on variants made to slip past
 * the prefilter, the verdict is the one of trying every pattern in turn, the way the check worked before.
 */
class BotDetectorTest {

    static final List<String> PATTERNS = BotDetector.patterns(new ObjectMapper());
    static final List<String> CRAWLERS = sample("bots/crawler-instances.txt");
    static final List<String> BROWSERS = sample("bots/browser-user-agents.txt");

    final BotDetector detector = new BotDetector(new ObjectMapper(), new SimpleMeterRegistry()).ready();
    final CrawlerPatterns matcher = CrawlerPatterns.compile(PATTERNS).ready();
    /** As until the gate is built: the trie alone. */
    final CrawlerPatterns trieOnly = CrawlerPatterns.compile(PATTERNS, false);

    /** The reference: every pattern in turn, as {@link BotDetector} did before its prefilter. */
    static final class OneByOne {
        final List<Pattern> patterns = PATTERNS.stream().map(Pattern::compile).toList();

        boolean matches(String ua) {
            for (Pattern p : patterns) {
                if (p.matcher(ua).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void catchesTheCrawlerListsOwnExamples() {
        List<String> missed = CRAWLERS.stream().filter(ua -> !detector.isBot(ua)).toList();
        double caught = 1.0 - (double) missed.size() / CRAWLERS.size();
        System.out.printf("bot check: %d of %d crawler examples caught (%.2f %%)%n", CRAWLERS.size() - missed.size(),
                CRAWLERS.size(), caught * 100);
        assertThat(CRAWLERS).hasSizeGreaterThan(2_000);
        assertThat(caught).as("missed: %s", missed).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void noRealBrowserIsTakenForACrawler() {
        assertThat(BROWSERS).hasSizeGreaterThan(900);
        assertThat(BROWSERS.stream().filter(detector::isBot).toList()).isEmpty();
    }

    @Test
    void sameVerdictsAsTryingEveryPatternInTurn() {
        OneByOne reference = new OneByOne();
        List<String> inputs = new ArrayList<>();
        for (String ua : concat(CRAWLERS, BROWSERS)) {
            inputs.add(ua);
            // The prefilter ignores case and the patterns do not: upper case passes it and must still fail them.
            inputs.add(ua.toUpperCase(Locale.ROOT));
            inputs.add(ua.toLowerCase(Locale.ROOT));
            inputs.add(ua.substring(0, ua.length() / 2));
            inputs.add(ua.substring(ua.length() / 2));
            // Anchored patterns (^curl, GoogleAssociationService$) must not match once moved.
            inputs.add("x" + ua + "x");
        }
        int differ = 0;
        List<String> examples = new ArrayList<>();
        for (String ua : inputs) {
            boolean expected = reference.matches(ua);
            if (matcher.matches(ua) != expected || trieOnly.matches(ua) != expected
                    || expected && !matcher.mayMatch(ua)
                    || !ua.isBlank() && ua.length() <= BotDetector.MAX_UA && detector.isBot(ua) != expected) {
                differ++;
                if (examples.size() < 10) {
                    examples.add(ua);
                }
            }
        }
        System.out.printf("bot check: %d inputs, %d patterns (%d run on every User-Agent), %d verdicts differ%n",
                inputs.size(), matcher.size(), matcher.alwaysRun(), differ);
        assertThat(examples).isEmpty();
    }

    @Test
    void theGateLetsNoCrawlerThroughAndStopsEveryBrowser() {
        assertThat(CRAWLERS.stream().filter(ua -> !matcher.mayMatch(ua)).toList()).isEmpty();
        assertThat(BROWSERS.stream().filter(matcher::mayMatch).toList()).isEmpty();
    }

    @Test
    void aBrowserRunsOnlyAFewPatterns() {
        int worst = BROWSERS.stream().mapToInt(matcher::candidates).max().orElseThrow();
        double mean = BROWSERS.stream().mapToInt(matcher::candidates).average().orElseThrow();
        System.out.printf("bot check: a browser User-Agent runs %.1f patterns on average, %d at most, of %d%n", mean,
                worst, matcher.size());
        assertThat(matcher.alwaysRun()).isLessThanOrEqualTo(20);
        assertThat(worst).isLessThanOrEqualTo(40);
    }

    @Test
    void aMissingUserAgentIsAScript() {
        assertThat(detector.isBot(null)).isTrue();
        assertThat(detector.isBot(" ")).isTrue();
    }

    @Test
    void theWordsAPatternCannotMatchWithout() {
        assertThat(RequiredLiterals.of("Googlebot\\/")).contains(Set.of("googlebot/"));
        assertThat(RequiredLiterals.of("[wW]get")).contains(Set.of("wget"));
        assertThat(RequiredLiterals.of("S[eE][mM]rushBot")).contains(Set.of("semrushbot"));
        assertThat(RequiredLiterals.of("Ahrefs(Bot|SiteAudit)")).contains(Set.of("ahrefs"));
        assertThat(RequiredLiterals.of("AdsBot-Google([^-]|$)")).contains(Set.of("adsbot-google"));
        assertThat(RequiredLiterals.of("Automaton|Newsify Feed Fetcher"))
                .contains(Set.of("automaton", "newsify feed fetcher"));
        assertThat(RequiredLiterals.of("ContextualBot[\\s\\S]*outcomes\\.net")).contains(Set.of("contextualbot"));
        assertThat(RequiredLiterals.of("BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher")).contains(Set.of(" feed-fetcher"));
        // An optional atom is no part of the word; a branch without a word of three letters gives up.
        assertThat(RequiredLiterals.of("abcd?e")).contains(Set.of("abc"));
        assertThat(RequiredLiterals.of("Slurp|ab")).isEqualTo(Optional.empty());
        assertThat(RequiredLiterals.of("x{2}yz")).isEqualTo(Optional.empty());
        // Constructs it does not follow: the pattern then runs every time.
        assertThat(RequiredLiterals.of("(?x)foo bar")).isEmpty();
        assertThat(RequiredLiterals.of("\\Qfoo\\E")).isEmpty();
        assertThat(RequiredLiterals.of("\\x41bcdef")).isEmpty();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** One User-Agent a line; lines starting with '#' say where the file comes from. */
    static List<String> sample(String resource) {
        try (InputStream in = BotDetectorTest.class.getClassLoader().getResourceAsStream(resource);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
