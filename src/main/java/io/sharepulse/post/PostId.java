package io.sharepulse.post;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sharepulse.platform.Hashing;

/**
 * A post's id, {@code {site}.{hash}}: hash is base62 of the first 72 bits of SHA-256(site + "\n" + canonical URL).
 * Every pod derives the same id without coordination, and the redirect reads the site (its Redis hash tag) from
 * the id itself.
 */
public record PostId(String site, String hash) {

    static final int HASH_BITS = 72;
    static final int HASH_LENGTH = 13;
    private static final Pattern FORMAT = Pattern.compile(
            "([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)\\.([0-9A-Za-z]{" + HASH_LENGTH + "})");

    public static PostId derive(String site, String canonicalUrl) {
        byte[] digest = Hashing.sha256((site + "\n" + canonicalUrl).getBytes(StandardCharsets.UTF_8));
        return new PostId(site, Hashing.base62(digest, HASH_BITS));
    }

    /** The id if {@code value} has the shape of one; nothing is looked up. */
    public static Optional<PostId> parse(String value) {
        if (value == null || value.length() > 60) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value);
        return m.matches() ? Optional.of(new PostId(m.group(1), m.group(2))) : Optional.empty();
    }

    public String value() {
        return site + "." + hash;
    }

    @Override
    public String toString() {
        return value();
    }
}
