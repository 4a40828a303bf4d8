package io.sharepulse.share;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;
import org.ahocorasick.trie.handler.PayloadEmitHandler;

import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.RunAutomaton;

/**
 * The crawler list as one matcher with the verdicts of testing every pattern in turn, at a fraction of the cost:
 * one Aho-Corasick pass over the User-Agent finds the words the patterns require ({@link RequiredLiterals}), and
 * only the patterns whose words occur are run. Patterns without such a word are run every time (today none).
 * <p>
 * Before that pass, a gate: the minimal automaton of all the words ({@code dk.brics.automaton}, flat arrays), run
 * from each position of the User-Agent, tells in about half a microsecond that it holds none of them, which is
 * so for every browser's. It is built in the background (half a second on a busy machine), so start-up does not
 * wait for it; until it is ready the trie alone decides, with the same verdicts. The patterns themselves are
 * compiled in the background too (5 % of start-up's main thread): one needed before that is compiled there and then.
 */
final class CrawlerPatterns {

    private final String[] regexes;
    private final AtomicReferenceArray<Pattern> compiled;
    private final int[] alwaysRun;
    private final PayloadTrie<int[]> words;
    private final CompletableFuture<RunAutomaton> gate;
    private final CompletableFuture<Void> warm;

    private CrawlerPatterns(String[] regexes, int[] alwaysRun, PayloadTrie<int[]> words,
            CompletableFuture<RunAutomaton> gate) {
        this.regexes = regexes;
        this.compiled = new AtomicReferenceArray<>(regexes.length);
        this.alwaysRun = alwaysRun;
        this.words = words;
        this.gate = gate;
        this.warm = CompletableFuture.runAsync(this::compileAll);
    }

    static CrawlerPatterns compile(List<String> regexes) {
        return compile(regexes, true);
    }

    /** @param withGate false: the trie alone, as until the gate is built (for tests) */
    static CrawlerPatterns compile(List<String> regexes, boolean withGate) {
        List<Integer> always = new ArrayList<>();
        Map<String, List<Integer>> byWord = new LinkedHashMap<>();
        for (int i = 0; i < regexes.size(); i++) {
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
        String[] all = new TreeSet<>(byWord.keySet()).toArray(String[]::new);
        CompletableFuture<RunAutomaton> gate = withGate
                ? CompletableFuture.supplyAsync(() -> new RunAutomaton(BasicAutomata.makeStringUnion(all), true))
                : CompletableFuture.completedFuture(null);
        return new CrawlerPatterns(regexes.toArray(String[]::new), always.stream().mapToInt(Integer::intValue).toArray(),
                trie.build(), gate);
    }

    private void compileAll() {
        for (int i = 0; i < regexes.length; i++) {
            pattern(i);
        }
    }

    /** Pattern {@code i}, compiled on first use; two threads may both compile it, harmlessly. */
    private Pattern pattern(int i) {
        Pattern p = compiled.get(i);
        if (p == null) {
            p = Pattern.compile(regexes[i]);
            compiled.set(i, p);
        }
        return p;
    }

    /** Whether any pattern finds a match in {@code ua}: the verdict of trying them all. */
    boolean matches(String ua) {
        for (int i : alwaysRun) {
            if (pattern(i).matcher(ua).find()) {
                return true;
            }
        }
        if (!holdsAWord(ua)) {
            return false;
        }
        Candidates candidates = new Candidates(ua);
        words.parseText(ua, candidates);
        return candidates.found;
    }

    /**
     * False when no pattern can match {@code ua}: none runs every time and it holds none of their words (ASCII
     * case ignored, as the words are ASCII and Java's case-insensitive matching folds ASCII only). True when the
     * patterns must decide, or the gate is not built yet.
     */
    boolean mayMatch(String ua) {
        return alwaysRun.length > 0 || holdsAWord(ua);
    }

    private boolean holdsAWord(String ua) {
        RunAutomaton words = gate.getNow(null);
        if (words == null) {
            return true;
        }
        int start = words.getInitialState();
        int n = ua.length();
        for (int i = 0; i < n; i++) {
            int state = start;
            for (int j = i; j < n && state >= 0; j++) {
                char c = ua.charAt(j);
                state = words.step(state, c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                if (state >= 0 && words.isAccept(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Waits for the gate, if there is one, and every pattern compiled (tests and the benchmark measure the path
     * with them; an invalid pattern in the list fails here).
     */
    CrawlerPatterns ready() {
        gate.join();
        warm.join();
        return this;
    }

    /** How many patterns run on every User-Agent. */
    int alwaysRun() {
        return alwaysRun.length;
    }

    /** How many patterns in all. */
    int size() {
        return regexes.length;
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
                    seen = new long[(regexes.length + 63) >>> 6];
                }
                long bit = 1L << i;
                if ((seen[i >>> 6] & bit) != 0) {
                    continue;
                }
                seen[i >>> 6] |= bit;
                tried++;
                if (!countOnly && pattern(i).matcher(ua).find()) {
                    found = true;
                    return true;
                }
            }
            return true;
        }
    }
}
