package io.sharepulse.network;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A share URL template such as {@code https://www.reddit.com/submit?url={url}&title={title}}, compiled once.
 *
 * <p>Expansion percent-encodes every value (RFC 3986 unreserved characters only, {@code %20} for spaces), so no
 * value can add a parameter, change the path or the host. A query parameter whose whole value is one empty
 * placeholder ({@code &via=}) is left out, and an empty placeholder swallows a {@code %20} that only separated
 * it from the next value.
 */
public final class ShareTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("url", "title", "text", "via", "tags", "hashtag", "media");

    private final String source;
    private final List<Token> head;
    private final List<Param> params;

    private sealed interface Token permits Literal, Placeholder {
    }

    private record Literal(String text) implements Token {
    }

    private record Placeholder(String name) implements Token {
    }

    /** One {@code name=value} pair of the query; {@code optional} when the value is a single placeholder. */
    private record Param(List<Token> tokens, String optionalOn) {
    }

    private ShareTemplate(String source, List<Token> head, List<Param> params) {
        this.source = source;
        this.head = head;
        this.params = params;
    }

    /**
     * @throws IllegalArgumentException for an unknown placeholder, an unclosed brace, or a placeholder inside the
     *                                  scheme or host (a value must never choose where a reader is sent)
     */
    public static ShareTemplate compile(String template, Set<String> allowed) {
        int firstBrace = template.indexOf('{');
        if (firstBrace >= 0 && firstBrace < authorityEnd(template)) {
            throw new IllegalArgumentException("placeholder in scheme or host: " + template);
        }
        int query = template.indexOf('?');
        String headPart = query < 0 ? template : template.substring(0, query + 1);
        List<Token> head = tokens(headPart, allowed);
        List<Param> params = new ArrayList<>();
        if (query >= 0) {
            for (String pair : template.substring(query + 1).split("&", -1)) {
                List<Token> tokens = tokens(pair, allowed);
                String optionalOn = null;
                if (tokens.size() == 2 && tokens.get(0) instanceof Literal l && l.text().endsWith("=")
                        && tokens.get(1) instanceof Placeholder p) {
                    optionalOn = p.name();
                }
                params.add(new Param(tokens, optionalOn));
            }
        }
        return new ShareTemplate(template, head, params);
    }

    public static ShareTemplate compile(String template) {
        return compile(template, PLACEHOLDERS);
    }

    /** The template with each placeholder replaced by its percent-encoded value (missing values are empty). */
    public String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder(source.length() + 256);
        append(out, head, values);
        boolean first = true;
        for (Param param : params) {
            if (param.optionalOn() != null && isEmpty(values.get(param.optionalOn()))) {
                continue;
            }
            if (!first) {
                out.append('&');
            }
            first = false;
            append(out, param.tokens(), values);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    private static void append(StringBuilder out, List<Token> tokens, Map<String, String> values) {
        boolean swallowSpace = false;
        for (Token token : tokens) {
            if (token instanceof Placeholder p) {
                String value = values.get(p.name());
                swallowSpace = isEmpty(value);
                if (!swallowSpace) {
                    encode(out, value);
                }
            } else {
                String text = ((Literal) token).text();
                if (swallowSpace && text.startsWith("%20")) {
                    text = text.substring(3);
                }
                swallowSpace = false;
                out.append(text);
            }
        }
    }

    /** RFC 3986 percent-encoding of UTF-8: everything but unreserved characters. */
    public static void encode(StringBuilder out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() * 3);
        encode(out, value);
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static List<Token> tokens(String part, Set<String> allowed) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < part.length()) {
            int open = part.indexOf('{', i);
            if (open < 0) {
                tokens.add(new Literal(part.substring(i)));
                break;
            }
            if (open > i) {
                tokens.add(new Literal(part.substring(i, open)));
            }
            int close = part.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder in " + part);
            }
            String name = part.substring(open + 1, close);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "}");
            }
            tokens.add(new Placeholder(name));
            i = close + 1;
        }
        return tokens;
    }

    /** Index just past the host of a hierarchical URL, or past the scheme of an opaque one (mailto:, sms:). */
    private static int authorityEnd(String template) {
        int scheme = template.indexOf(':');
        if (scheme < 0) {
            throw new IllegalArgumentException("template has no scheme: " + template);
        }
        if (template.startsWith("//", scheme + 1)) {
            int slash = template.indexOf('/', scheme + 3);
            int query = template.indexOf('?', scheme + 3);
            int end = slash < 0 ? query : (query < 0 ? slash : Math.min(slash, query));
            return end < 0 ? template.length() : end;
        }
        return scheme + 1;
    }
}
