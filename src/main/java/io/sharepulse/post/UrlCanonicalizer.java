package io.sharepulse.post;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.util.NetUtil;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.site.SiteView;

/**
 * Turns the URL a page reports into the one form we count under (DESIGN.md §3): http/https only, lower-case
 * ASCII host, no default port, no user info, no fragment, no tracking parameters (and for a page, none but those
 * its site declares), dot segments resolved, percent-encoding normalised. Two spellings of one page get one post id; anything that is not a plain web
 * URL is refused with a 400 problem.
 */
@ApplicationScoped
public class UrlCanonicalizer {

    public static final int MAX_LENGTH = 2048;
    /** Raw input is allowed some slack for tracking parameters we are about to drop. */
    private static final int MAX_RAW_LENGTH = 4096;
    private static final Pattern ABSOLUTE = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(?://([^/?#]*))?(.*)$",
            Pattern.DOTALL);
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "mc_cid", "mc_eid", "igshid", "yclid", "twclid", "ttclid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
            "oly_enc_id", "vero_id", "__s", "_ga", "_gl");

    /**
     * The attribution tag: the query parameter naming the network on the links we hand to networks
     * ({@code ?sp=reddit}). It says where a reader came from, never who they are, and is never part of a post's URL.
     */
    public static final String TAG = "sp";

    /** Why a URL was refused, as the caller should read it. */
    public static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid-url", "Invalid URL", detail);
    }

    /** The canonical form of {@code raw} with every query parameter but tracking ones; see the class comment. */
    public String canonicalize(String raw) {
        return canonicalize(raw, true);
    }

    /**
     * The canonical form of a page's URL for a site that keeps only these query parameters (by name, in the order
     * the URL has them); {@code ["*"]} keeps all but tracking ones, as {@link #canonicalize(String)}. A parameter
     * the site did not name (a session, an e-mail address, a reader's search) never becomes part of a post.
     */
    public String canonicalize(String raw, Collection<String> keptParams) {
        return canonicalize(raw, true, keptParams.contains(SiteView.ALL_PARAMS) ? null : Set.copyOf(keptParams));
    }

    /** As {@link #canonicalize(String)}; {@code stripTracking=false} keeps every query parameter (media URLs). */
    public String canonicalize(String raw, boolean stripTracking) {
        return canonicalize(raw, stripTracking, null);
    }

    /** @param keptNames the only parameters kept, by name; null: all (less tracking ones if {@code stripTracking}) */
    private String canonicalize(String raw, boolean stripTracking, Set<String> keptNames) {
        if (raw == null || raw.isBlank()) {
            throw invalid("A URL is required.");
        }
        String s = raw.strip();
        if (s.length() > MAX_RAW_LENGTH) {
            throw invalid("The URL is longer than " + MAX_LENGTH + " characters.");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\uFFFD') {
                throw invalid("The URL contains control characters or invalid UTF-8.");
            }
        }
        Matcher m = ABSOLUTE.matcher(s);
        if (!m.matches()) {
            throw invalid("The URL must be absolute, such as https://example.com/post.");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("Only http and https URLs can be shared.");
        }
        if (m.group(2) == null) {
            throw invalid("The URL has no host.");
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(scheme).append("://");
        authority(out, m.group(2), scheme);

        String rest = m.group(3);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? null : rest.substring(q + 1);

        out.append(removeDotSegments(normalizeEncoding(path.isEmpty() ? "/" : path, "/:@!$&'()*+,;=")));
        if (query != null) {
            List<String> kept = new ArrayList<>();
            for (String param : query.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                String normalized = normalizeEncoding(param, "/?:@!$'()*+,;=");
                if (stripTracking && TAG.equals(name(normalized))
                        || (keptNames != null ? !keptNames.contains(name(normalized)) : stripTracking && isTracking(normalized))) {
                    continue;
                }
                kept.add(normalized);
            }
            if (!kept.isEmpty()) {
                out.append('?').append(String.join("&", kept));
            }
        }
        if (out.length() > MAX_LENGTH) {
            throw invalid("The URL is longer than " + MAX_LENGTH + " characters.");
        }
        return out.toString();
    }

    /** The host of a canonical URL. */
    public static String host(String canonical) {
        int start = canonical.indexOf("://") + 3;
        int end = start;
        if (canonical.charAt(start) == '[') {
            end = canonical.indexOf(']', start) + 1;
        } else {
            while (end < canonical.length() && ":/?".indexOf(canonical.charAt(end)) < 0) {
                end++;
            }
        }
        return canonical.substring(start, end);
    }

    private static void authority(StringBuilder out, String authority, String scheme) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !NetUtil.isValidIpV6Address(hostPort.substring(1, close))) {
                throw invalid("The URL's IPv6 host is malformed.");
            }
            host = hostPort.substring(0, close + 1).toLowerCase(Locale.ROOT);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid("The URL's host is malformed.");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
            host = asciiHost(host);
        }
        out.append(host);
        if (port != null && !port.isEmpty()) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid("The URL's port is not a number from 1 to 65535.");
            }
            int p = Integer.parseInt(port);
            boolean isDefault = (scheme.equals("http") && p == 80) || (scheme.equals("https") && p == 443);
            if (!isDefault) {
                out.append(':').append(p);
            }
        }
    }

    private static String asciiHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.indexOf('%') >= 0) {
            throw invalid("The URL has no valid host.");
        }
        try {
            String ascii = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
                throw invalid("The URL has no valid host.");
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw invalid("The URL's host is not a valid domain name.");
        }
    }

    private static boolean isTracking(String param) {
        String name = name(param).toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING.contains(name);
    }

    /**
     * {@code url} (a canonical one) with the attribution tag naming {@code network} appended: where the redirect
     * sends a post to a network, so the reader who comes back through the network's link can be counted.
     */
    public static String tagged(String url, String network) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.indexOf('?') < 0 ? '?' : '&') + TAG + "=" + network + fragment;
    }

    private static String name(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }

    /**
     * RFC 3986 §6.2.2: upper-case hex in escapes, unreserved characters unescaped, and characters that may not
     * appear raw (space, non-ASCII, quotes, brackets…) escaped as UTF-8. {@code allowed} are the sub-delimiters
     * that keep their meaning in this component.
     */
    static String normalizeEncoding(String part, String allowed) {
        StringBuilder out = new StringBuilder(part.length() + 16);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                if (i + 2 >= part.length() || hex(part.charAt(i + 1)) < 0 || hex(part.charAt(i + 2)) < 0) {
                    throw invalid("The URL has a malformed percent-encoding.");
                }
                int value = hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2));
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xf]);
                }
                i += 2;
            } else if (c < 0x80 && (isUnreserved(c) || allowed.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < part.length() ? i + 2 : i + 1;
                for (byte b : part.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
