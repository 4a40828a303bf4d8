package io.sharepulse.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.sharepulse.network.NetworkIcons;
import io.sharepulse.platform.Hashing;

/**
 * The files the widget package serves, read once at start-up: {@code widget.js} (the embed), {@code embed.css}
 * (the no-JS fragment's stylesheet, with a colour rule per network generated from {@link NetworkIcons}),
 * {@code a.js} (arrivals on pages without a bar), {@code fediverse.js} and {@code page.css} (our own pages). Each has a content hash, which names its immutable
 * URL {@code /v/{hash}/{name}} and is its ETag, and a gzip copy made once.
 *
 * <p>Scripts are kept readable in {@code src/main/resources/widget/}; what is served is that text with its
 * leading comment block, whole-line {@code //} comments, indentation and blank lines removed. So a script there
 * must not rely on a line's leading white space (no indented multi-line strings).
 */
@ApplicationScoped
public class Assets {

    /** One served file. */
    public record Asset(String name, String contentType, byte[] body, byte[] gzipped, String hash) {

        /** The immutable URL path of this exact content. */
        public String path() {
            return "/v/" + hash + "/" + name;
        }
    }

    private final Map<String, Asset> byName = new LinkedHashMap<>();

    @Inject
    public Assets(NetworkIcons icons) {
        add("widget.js", "text/javascript; charset=utf-8", strip(text("widget/widget.js")));
        add("a.js", "text/javascript; charset=utf-8", strip(text("widget/arrive.js")));
        add("fediverse.js", "text/javascript; charset=utf-8", strip(text("widget/fediverse.js")));
        add("page.css", "text/css; charset=utf-8", text("widget/page.css"));
        add("embed.css", "text/css; charset=utf-8", text("widget/embed.css") + colours(icons));
    }

    public Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Asset get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no asset " + name));
    }

    /** The immutable path of an asset, for pages and fragments to link to. */
    public String path(String name) {
        return get(name).path();
    }

    /** {@code .spb .n-reddit{--c:#…;--k:#…}} for every network whose icon has a colour (no --k: text colour). */
    static String colours(NetworkIcons icons) {
        StringBuilder css = new StringBuilder("\n/* icon colours per network, generated from the network catalog */\n");
        icons.all().forEach((network, icon) -> {
            if (icon.color() != null) {
                css.append(".spb .n-").append(network).append("{--c:").append(icon.color());
                if (icon.colorDark() != null) {
                    css.append(";--k:").append(icon.colorDark());
                }
                css.append("}\n");
            }
        });
        return css.toString();
    }

    /** Drops the leading block comment, whole-line // comments, indentation and blank lines. */
    static String strip(String script) {
        String s = script.strip();
        if (s.startsWith("/*")) {
            s = s.substring(s.indexOf("*/") + 2);
        }
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("//")) {
                out.append(t).append('\n');
            }
        }
        return out.toString();
    }

    private void add(String name, String type, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String hash = Hashing.hex(Hashing.sha256(body)).substring(0, 16);
        byName.put(name, new Asset(name, type, body, gzip(body), hash));
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String text(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("widget asset " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
