package io.sharepulse.share;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What one never-seen User-Agent costs the bot check, run by {@code bench/botcheck.sh} (not a test): the median
 * and 99th percentile of single calls, each on a User-Agent the check has not seen (real browsers from
 * {@code bots/browser-user-agents.txt}, each with a version number of its own, as readers' browsers differ),
 * for the patterns tried one by one (the check before), the prefilter alone, and {@link BotDetector#isBot} with
 * its verdict cache; then the crawler list's own examples (a match: the check stops early).
 */
public final class BotCheckBench {

    private BotCheckBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<String> browsers = BotDetectorTest.BROWSERS;
        List<String> crawlers = BotDetectorTest.CRAWLERS;
        BotDetectorTest.OneByOne oneByOne = new BotDetectorTest.OneByOne();
        CrawlerPatterns prefilter = CrawlerPatterns.compile(BotDetectorTest.PATTERNS).ready();
        CrawlerPatterns trieOnly = CrawlerPatterns.compile(BotDetectorTest.PATTERNS, false);
        BotDetector detector = new BotDetector(new ObjectMapper(), new SimpleMeterRegistry()).ready();

        System.out.printf("bot check, %d patterns; a different browser User-Agent on every call%n",
                prefilter.size());
        // One by one costs some 500 µs a call: fewer calls say as much.
        report("patterns one by one (before)", oneByOne::matches, unseen(browsers, 0, calls / 50), calls / 100);
        report("Aho-Corasick trie, then candidates", trieOnly::matches, unseen(browsers, 1, calls), calls);
        report("gate, trie, then candidates", prefilter::matches, unseen(browsers, 3, calls), calls);
        report("BotDetector.isBot", detector::isBot, unseen(browsers, 2, calls), calls);
        System.out.printf("the crawler list's %d examples (a match)%n", crawlers.size());
        report("patterns one by one (before)", oneByOne::matches, crawlers, crawlers.size());
        report("gate, trie, then candidates", prefilter::matches, crawlers, crawlers.size() * 20);
        List<String> hostile = hostile(BotDetectorTest.PATTERNS, 20_000);
        System.out.printf("hostile: %d characters of the patterns' words in upper case (each passes the prefilter,"
                + " fails its pattern; %d patterns run)%n", BotDetector.MAX_UA, prefilter.candidates(hostile.get(0)));
        report("gate, trie, then candidates", prefilter::matches, hostile, hostile.size());
    }

    /**
     * User-Agents that cost the check most: the words the patterns require, upper-cased so that the prefilter lets
     * them through and the (case-sensitive) patterns then fail, as many as {@link BotDetector#MAX_UA} holds.
     */
    static List<String> hostile(List<String> patterns, int n) {
        List<String> words = new ArrayList<>();
        BotDetectorTest.OneByOne reference = new BotDetectorTest.OneByOne();
        for (String p : patterns) {
            RequiredLiterals.of(p).ifPresent(w -> w.forEach(word -> words.add(word.toUpperCase(java.util.Locale.ROOT))));
        }
        // Words that are a crawler's in upper case too would end the check at once: an attacker leaves them out.
        words.removeIf(reference::matches);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder ua = new StringBuilder("Mozilla/5.0 ");
            for (int j = i; ua.length() < BotDetector.MAX_UA; j++) {
                ua.append(words.get(j % words.size())).append(' ');
            }
            out.add(ua.substring(0, BotDetector.MAX_UA));
        }
        return out;
    }

    /** Browsers with a version number of their own (the last number in the string), {@code n} of them. */
    static List<String> unseen(List<String> browsers, int run, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String ua = browsers.get(i % browsers.size());
            int end = ua.length();
            while (end > 0 && !Character.isDigit(ua.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && Character.isDigit(ua.charAt(start - 1))) {
                start--;
            }
            out.add(start == end ? ua + " " + run + i : ua.substring(0, start) + run + i + ua.substring(end));
        }
        return out;
    }

    /** Warms up on the first half of the inputs, measures each call on the second. */
    static void report(String what, Predicate<String> check, List<String> inputs, int calls) {
        int warm = Math.min(inputs.size() / 2, calls / 2);
        int sink = 0;
        for (int i = 0; i < warm; i++) {
            sink += check.test(inputs.get(i)) ? 1 : 0;
        }
        int measured = Math.max(1, Math.min(inputs.size(), calls) - warm);
        long[] ns = new long[measured];
        for (int i = 0; i < measured; i++) {
            String ua = inputs.get((warm + i) % inputs.size());
            long t0 = System.nanoTime();
            sink += check.test(ua) ? 1 : 0;
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("  %-36s median %8.2f µs   p99 %8.2f µs   (%d calls, %d bots)%n", what,
                ns[measured / 2] / 1000.0, ns[(int) (measured * 0.99)] / 1000.0, measured, sink);
    }
}
