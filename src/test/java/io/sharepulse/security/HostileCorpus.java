package io.sharepulse.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input corpus as data, read from {@code hostile/} on the test class path:
 * <ul>
 * <li>{@code payloads.tsv}: hostile values by family (URLs, titles, ids, date ranges, bodies, headers…), each with
 * what we expect of it and the fragments that must never come back unescaped;</li>
 * <li>{@code targets.tsv}: where each family goes (an endpoint and a parameter, path segment, header or body);
 * every payload of a family is sent to every target of it;</li>
 * <li>{@code requests.txt}: single requests that fit no family (request-line and framing attacks, methods,
 * content types, Host games).</li>
 * </ul>
 * The formats are described at the top of each file.
 */
final class HostileCorpus {

    /** How a case must be answered. */
    enum Expect {
        /** 4xx application/problem+json, and nothing stored. */
        REJECT,
        /** A documented success (2xx/3xx): the input is harmless; the case says why. */
        ACCEPT,
        /** Answered by the HTTP layer before any of our code, with exactly this status; see the case's note. */
        FRAMEWORK
    }

    /** One hostile value. {@code expect} maps a target name to its expectation ({@code "*"}: the default). */
    record Payload(String family, String name, String mode, byte[] value, Map<String, String> expect,
            List<String> needles, String note) {

        String expectFor(String target) {
            return expect.getOrDefault(target, expect.get("*"));
        }
    }

    /** A place a family's payloads go; {@code {p}} in the target, headers or body is the payload. */
    record Target(String family, String name, String endpoint, String method, String path, List<String> headers,
            String body, String control, String expect, Map<String, String> bindings) {
    }

    /** A request of its own. {@code raw}: sent byte for byte, nothing added. */
    record Single(String name, String endpoint, String expect, String method, String path, List<String> headers,
            byte[] body, byte[] raw, List<String> needles, String note) {
    }

    final List<Payload> payloads;
    final List<Target> targets;
    final List<Single> singles;

    private HostileCorpus(List<Payload> payloads, List<Target> targets, List<Single> singles) {
        this.payloads = payloads;
        this.targets = targets;
        this.singles = singles;
    }

    static HostileCorpus load() throws IOException {
        return new HostileCorpus(payloads(read("hostile/payloads.tsv")), targets(read("hostile/targets.tsv")),
                singles());
    }

    /** Parses an expectation: {@code reject}, {@code accept <why>} or {@code framework <status> <behaviour>}. */
    static Expect kind(String expect) {
        String word = expect.split(" ", 2)[0];
        return switch (word) {
            case "reject" -> Expect.REJECT;
            case "accept" -> Expect.ACCEPT;
            case "framework" -> Expect.FRAMEWORK;
            default -> throw new IllegalArgumentException("unknown expectation: " + expect);
        };
    }

    private static List<Payload> payloads(List<String[]> rows) {
        List<Payload> out = new ArrayList<>();
        for (String[] r : rows) {
            require(r, 7);
            Map<String, String> expect = new LinkedHashMap<>();
            // ';target=' starts an override; any other ';' is part of the words
            for (String part : r[4].split(";(?=[a-z][a-z.-]*=(accept|reject|framework))")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    expect.put("*", part.strip());
                } else {
                    expect.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
            expect.values().forEach(HostileCorpus::kind);
            if (!expect.containsKey("*")) {
                throw new IllegalArgumentException("payload without a default expectation: " + r[1]);
            }
            if (!List.of("enc", "query", "raw").contains(r[2])) {
                throw new IllegalArgumentException("unknown mode " + r[2] + " of " + r[1]);
            }
            out.add(new Payload(r[0], r[1], r[2], unescape(r[3]), expect, needles(r[5]), r[6]));
        }
        return out;
    }

    private static List<Target> targets(List<String[]> rows) {
        List<Target> out = new ArrayList<>();
        for (String[] r : rows) {
            require(r, 9);
            String expect = null;
            Map<String, String> bindings = new LinkedHashMap<>();
            for (String option : r[8].equals("-") ? new String[0] : r[8].split(";;")) {
                int eq = option.indexOf('=');
                if (option.startsWith("expect=")) {
                    expect = option.substring(eq + 1);
                    kind(expect);
                } else if (option.startsWith("{") && eq > 0) {
                    bindings.put(option.substring(0, eq), option.substring(eq + 1));
                } else {
                    throw new IllegalArgumentException("unknown option " + option + " of " + r[1]);
                }
            }
            out.add(new Target(r[0], r[1], r[2], r[3], r[4], r[5].equals("-") ? List.of() : List.of(r[5].split(";;")),
                    r[6].equals("-") ? null : r[6], r[7].equals("-") ? null : r[7], expect, bindings));
        }
        return out;
    }

    /** Blocks of {@code key value} lines separated by blank lines; see requests.txt. */
    private static List<Single> singles() throws IOException {
        List<Single> out = new ArrayList<>();
        String text = new String(resource("hostile/requests.txt"), StandardCharsets.UTF_8);
        for (String block : text.split("\n\\s*\n")) {
            Map<String, String> one = new LinkedHashMap<>();
            List<String> headers = new ArrayList<>();
            List<String> needles = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                String value = space < 0 ? "" : line.substring(space + 1);
                switch (key) {
                    case "header" -> headers.add(value);
                    case "needle" -> needles.add(value);
                    case "case", "endpoint", "expect", "send", "body", "raw", "note" -> {
                        if (one.put(key, value) != null) {
                            throw new IllegalArgumentException("twice '" + key + "' in " + block);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + key + "' in " + block);
                }
            }
            if (one.isEmpty()) {
                continue;
            }
            for (String key : List.of("case", "endpoint", "expect", "note")) {
                if (!one.containsKey(key)) {
                    throw new IllegalArgumentException("no '" + key + "' in " + block);
                }
            }
            kind(one.get("expect"));
            String[] send = one.getOrDefault("send", "").split(" ", 2);
            out.add(new Single(one.get("case"), one.get("endpoint"), one.get("expect"),
                    one.containsKey("send") ? send[0] : null, one.containsKey("send") ? send[1] : null, headers,
                    one.containsKey("body") ? unescape(one.get("body")) : null,
                    one.containsKey("raw") ? unescape(one.get("raw")) : null,
                    needles, one.get("note")));
        }
        return out;
    }

    private static List<String> needles(String column) {
        if (column.equals("-")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : column.split("\\|\\|")) {
            out.add(new String(unescape(n), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static final Pattern REPEAT = Pattern.compile("\\{\\{rep (\\d+) (.*?)\\}\\}(?!\\})");

    /**
     * {@code \r \n \t \\ \s} (a space, where one would be invisible at the end of a column), {@code \xHH} (that raw
     * byte, even if it is not valid UTF-8), {@code \\u{HHHH}} (that code point, as UTF-8) and
     * {@code {{rep N text}}} (text N times).
     */
    static byte[] unescape(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(expanded, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(expanded);
        String t = expanded.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '\\' || i + 1 == t.length()) {
                int end = Character.isHighSurrogate(c) && i + 1 < t.length() ? i + 2 : i + 1;
                out.writeBytes(t.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            char next = t.charAt(++i);
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 's' -> out.write(' ');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(t.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    int close = t.indexOf('}', i);
                    int cp = Integer.parseInt(t.substring(i + 2, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i = close;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + s);
            }
        }
        return out.toByteArray();
    }

    private static List<String[]> read(String path) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(resource(path), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            rows.add(line.split("\t+"));
        }
        return rows;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }

    private static void require(String[] row, int columns) {
        if (row.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " tab-separated columns, found " + row.length
                    + ": " + String.join(" | ", row));
        }
    }
}
