package io.sharepulse.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sharepulse.platform.ProblemException;

class UrlCanonicalizerTest {

    final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://Blog.Example/Post                                   | https://blog.example/Post
            HTTPS://BLOG.EXAMPLE                                        | https://blog.example/
            https://blog.example:443/p                                  | https://blog.example/p
            http://blog.example:80/p                                    | http://blog.example/p
            https://blog.example:8443/p                                 | https://blog.example:8443/p
            http://blog.example:443/p                                   | http://blog.example:443/p
            https://blog.example/p#comments                             | https://blog.example/p
            https://blog.example/p?utm_source=x&utm_medium=y            | https://blog.example/p
            https://blog.example/p?id=7&utm_campaign=z&fbclid=abc       | https://blog.example/p?id=7
            https://blog.example/p?gclid=1&b=2&a=1                      | https://blog.example/p?b=2&a=1
            https://blog.example/p?UTM_SOURCE=x&page=2                  | https://blog.example/p?page=2
            https://blog.example/p?&&a=1&                               | https://blog.example/p?a=1
            https://user:pw@blog.example/p                              | https://blog.example/p
            https://blog.example./p                                     | https://blog.example/p
            https://blog.example/a/./b/../c                             | https://blog.example/a/c
            https://blog.example/%7euser/%e2%9c%93                      | https://blog.example/~user/%E2%9C%93
            https://blog.example/caf%C3%A9                              | https://blog.example/caf%C3%A9
            https://blog.example/café                                   | https://blog.example/caf%C3%A9
            https://blog.example/a b                                    | https://blog.example/a%20b
            https://bücher.example/                                     | https://xn--bcher-kva.example/
            https://[2001:DB8::1]:443/p                                 | https://[2001:db8::1]/p
            https://blog.example/p?q=a+b                                | https://blog.example/p?q=a+b
            """)
    void canonicalForms(String raw, String canonical) {
        assertThat(canonicalizer.canonicalize(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://blog.example/p",
            "//blog.example/p",
            "/relative/path",
            "blog.example/p",
            "https://",
            "https:///p",
            "https://blog.example:99999/p",
            "https://blog.example:abc/p",
            "https://blog.example/p%zz",
            "https://blog.example/p%",
            "https://blog.example/p\r\nSet-Cookie: a=b",
            "https://blog.example/\u0000",
            "https://bl og.example/",
            "https://blog..example/",
            "https://[not-ipv6]/",
            "https://blog.example/\uFFFD",
            ""})
    void refused(String raw) {
        assertThatThrownBy(() -> canonicalizer.canonicalize(raw))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void longerThan2048CharactersIsRefused() {
        String url = "https://blog.example/" + "a".repeat(2100);
        assertThatThrownBy(() -> canonicalizer.canonicalize(url)).hasMessageContaining("2048");
        assertThat(canonicalizer.canonicalize("https://blog.example/" + "a".repeat(2000))).hasSize(2021);
    }

    @Test
    void hostOfACanonicalUrl() {
        assertThat(UrlCanonicalizer.host("https://blog.example:8443/p?q")).isEqualTo("blog.example");
        assertThat(UrlCanonicalizer.host("https://[2001:db8::1]/p")).isEqualTo("[2001:db8::1]");
        assertThat(UrlCanonicalizer.host("http://localhost/")).isEqualTo("localhost");
    }
}
