package io.sharepulse.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import io.sharepulse.platform.ProblemException;

/** Canonicalisation holds its promises for any URL, not just the table in {@link UrlCanonicalizerTest}. */
class UrlCanonicalizerProperties {

    final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

    @Test
    void aCanonicalUrlIsItsOwnCanonicalForm() {
        qt().withExamples(500).forAll(webUrls()).checkAssert(raw -> {
            String once = canonicalizer.canonicalize(raw);
            assertThat(canonicalizer.canonicalize(once)).isEqualTo(once);
        });
    }

    @Test
    void aCanonicalUrlIsAPlainWebUrlWithoutTrackingOrFragment() {
        qt().withExamples(500).forAll(webUrls()).checkAssert(raw -> {
            String canonical = canonicalizer.canonicalize(raw);
            URI uri = URI.create(canonical); // parses: no raw space, quote, bracket or non-ASCII left
            assertThat(uri.getScheme()).isIn("http", "https");
            assertThat(uri.getHost()).isEqualTo(uri.getHost().toLowerCase(Locale.ROOT));
            assertThat(uri.getRawFragment()).isNull();
            assertThat(uri.getRawUserInfo()).isNull();
            assertThat(canonical.toLowerCase(Locale.ROOT)).doesNotContain("utm_", "fbclid=", "gclid=");
            assertThat(canonical).hasSizeLessThanOrEqualTo(2048);
            assertThat(UrlCanonicalizer.host(canonical)).isEqualTo(uri.getHost());
        });
    }

    @Test
    void anyStringIsEitherCanonicalisedOrRefusedWith400() {
        qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(raw -> {
            try {
                String canonical = canonicalizer.canonicalize(raw);
                assertThat(canonical).startsWith("http");
                URI.create(canonical);
            } catch (ProblemException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        });
    }

    /** http(s) URLs with mixed-case hosts, IDNs, IP literals, ports, odd path characters and tracking parameters. */
    static Gen<String> webUrls() {
        Gen<String> scheme = Generate.pick(List.of("http", "https", "HTTP", "Https"));
        Gen<String> host = Generate.pick(List.of("blog.example", "Blog.Example", "bücher.example", "a.b.example",
                "127.0.0.1", "[2001:db8::1]", "xn--bcher-kva.example"));
        Gen<String> port = Generate.pick(List.of("", ":80", ":443", ":8080"));
        Gen<String> path = lists().of(chars("abcXYZ019-._~!$&'()*+,;=:@ é✓%", 12)).ofSizeBetween(0, 4)
                .map(segments -> "/" + String.join("/", segments).replace("%", "%25"));
        Gen<String> param = Generate.pick(List.of("utm_source", "fbclid", "gclid", "id", "page", "q", "UTM_Medium"))
                .zip(chars("abc123", 8), (k, v) -> k + "=" + v);
        Gen<String> query = lists().of(param).ofSizeBetween(0, 4)
                .map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
        Gen<String> fragment = Generate.pick(List.of("", "#top", "#a b"));
        return scheme.zip(host, port, (s, h, p) -> s + "://" + h + p)
                .zip(path, query, fragment, (origin, pa, q, f) -> origin + pa + q + f);
    }

    static Gen<String> chars(String alphabet, int maxLength) {
        return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, maxLength)
                .map(indexes -> {
                    StringBuilder out = new StringBuilder();
                    indexes.forEach(i -> out.append(alphabet.charAt(i)));
                    return out.toString();
                });
    }
}
