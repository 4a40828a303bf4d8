package io.sharepulse.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.sharepulse.platform.ProblemException;

/** Canonicalisation holds its promises for any URL, not just the table in {@link UrlCanonicalizerTest}. */
class UrlCanonicalizerProperties {

    final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

    @Property(tries = 500)
    void aCanonicalUrlIsItsOwnCanonicalForm(@ForAll("webUrls") String raw) {
        String once = canonicalizer.canonicalize(raw);
        assertThat(canonicalizer.canonicalize(once)).isEqualTo(once);
    }

    @Property(tries = 500)
    void aCanonicalUrlIsAPlainWebUrlWithoutTrackingOrFragment(@ForAll("webUrls") String raw) {
        String canonical = canonicalizer.canonicalize(raw);
        URI uri = URI.create(canonical); // parses: no raw space, quote, bracket or non-ASCII left
        assertThat(uri.getScheme()).isIn("http", "https");
        assertThat(uri.getHost()).isEqualTo(uri.getHost().toLowerCase(Locale.ROOT));
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getRawUserInfo()).isNull();
        assertThat(canonical).doesNotContain("utm_", "fbclid=").hasSizeLessThanOrEqualTo(2048);
        assertThat(UrlCanonicalizer.host(canonical)).isEqualTo(uri.getHost());
    }

    @Property(tries = 1000)
    void anyStringIsEitherCanonicalisedOrRefusedWith400(@ForAll String raw) {
        try {
            String canonical = canonicalizer.canonicalize(raw);
            assertThat(canonical).startsWith("http");
            URI.create(canonical);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }

    @Provide
    Arbitrary<String> webUrls() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTP", "Https");
        Arbitrary<String> host = Arbitraries.of("blog.example", "Blog.Example", "bücher.example", "a.b.example",
                "127.0.0.1", "[2001:db8::1]", "xn--bcher-kva.example");
        Arbitrary<String> port = Arbitraries.of("", ":80", ":443", ":8080");
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@% é✓")
                .ofMaxLength(12).map(s -> s.replace("%", "%25"));
        Arbitrary<String> path = segment.list().ofMaxSize(4).map(l -> "/" + String.join("/", l));
        Arbitrary<String> param = Combinators.combine(
                Arbitraries.of("utm_source", "fbclid", "gclid", "id", "page", "q", "UTM_Medium"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(8))
                .as((k, v) -> k + "=" + v);
        Arbitrary<String> query = param.list().ofMaxSize(4).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
        Arbitrary<String> fragment = Arbitraries.of("", "#top", "#a b");
        return Combinators.combine(scheme, host, port, path, query, fragment)
                .as((s, h, p, pa, q, f) -> s + "://" + h + p + pa + q + f);
    }

}
