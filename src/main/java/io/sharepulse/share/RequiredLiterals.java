package io.sharepulse.share;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The literal words a crawler pattern cannot match without: for a {@link java.util.regex.Pattern} {@code p}, a set
 * of lower-case ASCII strings such that every text {@code p} finds a match in contains one of them, ignoring case.
 * The bot check looks for all of them at once and runs only the patterns whose words it saw.
 * <p>
 * It reads the plain regex syntax the crawler list uses and gives up (empty) on anything it does not follow, or
 * when a branch has no literal of {@link #MIN_LENGTH} characters: such a pattern is then run on every User-Agent.
 * Giving up is always safe; claiming a word a match can do without would hide a crawler, so every construct it is
 * unsure of only ends the current word. Groups are skipped whole, so {@code Ahrefs(Bot|SiteAudit)} needs
 * {@code ahrefs}; a class of one letter in both cases ({@code [wW]}) is that letter, since the search ignores case.
 */
final class RequiredLiterals {

    /** Shorter words would occur in most User-Agents, so the pattern is cheaper to run every time. */
    static final int MIN_LENGTH = 3;

    private RequiredLiterals() {
    }

    /** @return one word per top-level branch of the pattern (deduplicated), or empty when one cannot be told */
    static Optional<Set<String>> of(String regex) {
        Set<String> words = new LinkedHashSet<>();
        List<String> segments = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return Optional.empty();
                    }
                    char e = regex.charAt(i + 1);
                    if (!Character.isLetterOrDigit(e)) {
                        append(run, segments, e);
                    } else if ("dDsSwWhHvVbB".indexOf(e) >= 0) {
                        // A class or a boundary: no literal, and no argument to skip.
                        cut(run, segments);
                    } else {
                        // \Q…\E, \x41, \p{…}, back references and the like: not worth following.
                        return Optional.empty();
                    }
                    i += 2;
                }
                case '[' -> {
                    int end = classEnd(regex, i);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    char letter = oneLetterBothCases(regex.substring(i + 1, end));
                    if (letter != 0) {
                        append(run, segments, letter);
                    } else {
                        cut(run, segments);
                    }
                    i = end + 1;
                }
                case '(' -> {
                    int end = groupEnd(regex, i);
                    if (end < 0 || changesLiterals(regex, i, end)) {
                        return Optional.empty();
                    }
                    cut(run, segments);
                    i = end + 1;
                }
                case '|' -> {
                    cut(run, segments);
                    if (!branch(segments, words)) {
                        return Optional.empty();
                    }
                    segments.clear();
                    i++;
                }
                case '?', '*' -> {
                    // The atom before may be absent: it is no part of the word.
                    dropLast(run);
                    cut(run, segments);
                    i++;
                }
                case '{' -> {
                    dropLast(run);
                    cut(run, segments);
                    int end = regex.indexOf('}', i);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    i = end + 1;
                }
                case '+', '.', '^', '$' -> {
                    // '+': the atom stays, but what follows is not next to it in every match.
                    cut(run, segments);
                    i++;
                }
                case ')' -> {
                    return Optional.empty();
                }
                default -> {
                    append(run, segments, c);
                    i++;
                }
            }
        }
        cut(run, segments);
        if (!branch(segments, words)) {
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(words));
    }

    /** The longest word of one branch; false when it has none long enough. */
    private static boolean branch(List<String> segments, Set<String> words) {
        String best = "";
        for (String s : segments) {
            if (s.length() > best.length()) {
                best = s;
            }
        }
        if (best.length() < MIN_LENGTH) {
            return false;
        }
        words.add(best);
        return true;
    }

    private static void append(StringBuilder run, List<String> segments, char c) {
        if (c > 127) {
            // Only ASCII is folded the same way on both sides of the search.
            cut(run, segments);
        } else {
            run.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
    }

    private static void cut(StringBuilder run, List<String> segments) {
        if (!run.isEmpty()) {
            segments.add(run.toString());
            run.setLength(0);
        }
    }

    private static void dropLast(StringBuilder run) {
        if (!run.isEmpty()) {
            run.setLength(run.length() - 1);
        }
    }

    /** Index of the {@code ]} closing the class at {@code start}, or -1 when it nests or is malformed. */
    private static int classEnd(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            // "[]…]": Java reads the first ']' as a member.
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code )} closing the group at {@code start}, skipping escapes and classes; -1 if none. */
    private static int groupEnd(String regex, int start) {
        int depth = 0;
        for (int i = start; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * An inline flag group ({@code (?x)}, {@code (?u)}…) that could change how the literals outside it read:
     * comments mode ignores spaces, Unicode case folds letters beyond ASCII. Case-insensitivity alone is harmless.
     */
    private static boolean changesLiterals(String regex, int start, int end) {
        if (start + 2 > end || regex.charAt(start + 1) != '?') {
            return false;
        }
        for (int i = start + 2; i < end; i++) {
            char c = regex.charAt(i);
            if (c == ':' || c == ')') {
                break;
            }
            if (!Character.isLetter(c) && c != '-') {
                // (?:, (?=, (?!, (?<…: no flags.
                return false;
            }
            if (c != 'i') {
                return true;
            }
        }
        return false;
    }

    /** The lower-case letter a class like {@code wW} or {@code Cc} stands for, else 0. */
    private static char oneLetterBothCases(String members) {
        if (members.isEmpty() || members.charAt(0) == '^') {
            return 0;
        }
        char letter = 0;
        for (int i = 0; i < members.length(); i++) {
            char c = members.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return 0;
            }
            char lower = Character.toLowerCase(c);
            if (letter != 0 && lower != letter) {
                return 0;
            }
            letter = lower;
        }
        return letter;
    }
}
