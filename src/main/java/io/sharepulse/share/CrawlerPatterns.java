package io.sharepulse.share;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;
import org.ahocorasick.trie.handler.PayloadEmitHandler;

/**
 * The crawler list as one matcher with the verdicts of testing every pattern in turn, at a fraction of the cost:
 * one Aho-Corasick pass over the User-Agent finds the words the patterns require ({@link RequiredLiterals}), and
 * only the patterns whose words occur are run. Patterns without such a word are run every time (a handful).
 */
final class CrawlerPatterns {

    private final Pattern[] patterns;
    private final int[] alwaysRun;
    private final PayloadTrie<int[]> words;

    private CrawlerPatterns(Pattern[] patterns, int[] alwaysRun, PayloadTrie<int[]> words) {
        this.patterns = patterns;
        this.alwaysRun = alwaysRun;
        this.words = words;
    }

    static CrawlerPatterns compile(List<String> regexes) {
        Pattern[] patterns = new Pattern[regexes.size()];
        List<Integer> always = new ArrayList<>();
        Map<String, List<Integer>> byWord = new LinkedHashMap<>();
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = Pattern.compile(regexes.get(i));
            Optional<Set<String>> required = RequiredLiterals.of(regexes.get(i));
            if (required.isEmpty()) {
                always.add(i);
            } else {
                for (String word : required.get()) {
                    byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(i);
                }
            }
        }
        PayloadTrie.PayloadTrieBuilder<int[]> trie = PayloadTrie.<int[]>builder().ignoreCase();
        byWord.forEach((word, indices) -> trie.addKeyword(word,
                indices.stream().mapToInt(Integer::intValue).toArray()));
        return new CrawlerPatterns(patterns, always.stream().mapToInt(Integer::intValue).toArray(), trie.build());
    }

    /** Whether any pattern finds a match in {@code ua}: the verdict of trying them all. */
    boolean matches(String ua) {
        for (int i : alwaysRun) {
            if (patterns[i].matcher(ua).find()) {
                return true;
            }
        }
        Candidates candidates = new Candidates(ua);
        words.parseText(ua, candidates);
        return candidates.found;
    }

    /** How many patterns run on every User-Agent. */
    int alwaysRun() {
        return alwaysRun.length;
    }

    /** How many patterns in all. */
    int size() {
        return patterns.length;
    }

    /** How many patterns would run on {@code ua} (for tests and the benchmark). */
    int candidates(String ua) {
        Candidates c = new Candidates(ua);
        c.countOnly = true;
        words.parseText(ua, c);
        return alwaysRun.length + c.tried;
    }

    /** Runs each pattern whose word the search met, once, until one matches. */
    private final class Candidates implements PayloadEmitHandler<int[]> {
        private final String ua;
        private long[] seen;
        boolean found;
        boolean countOnly;
        int tried;

        Candidates(String ua) {
            this.ua = ua;
        }

        @Override
        public boolean emit(PayloadEmit<int[]> emit) {
            if (found) {
                return true;
            }
            for (int i : emit.getPayload()) {
                if (seen == null) {
                    seen = new long[(patterns.length + 63) >>> 6];
                }
                long bit = 1L << i;
                if ((seen[i >>> 6] & bit) != 0) {
                    continue;
                }
                seen[i >>> 6] |= bit;
                tried++;
                if (!countOnly && patterns[i].matcher(ua).find()) {
                    found = true;
                    return true;
                }
            }
            return true;
        }
    }
}
