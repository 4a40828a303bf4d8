package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Whatever a title or URL holds, expansion keeps the reader on the network's own host and page. */
class ShareTemplateProperties {

    static final NetworkCatalog CATALOG = new NetworkCatalog(new ObjectMapper());

    @Property(tries = 300)
    void noValueMovesTheReaderOffTheTemplatesHostOrPath(@ForAll("text") String title, @ForAll("text") String url,
            @ForAll("webNetworks") Network network) {
        Map<String, String> values = Map.of("url", url, "title", title, "text", title, "via", title,
                "tags", title, "media", url);
        String expanded = CATALOG.shareUrl(network, values).orElseThrow();
        String empty = CATALOG.shareUrl(network, Map.of()).orElseThrow();
        URI out = URI.create(expanded);
        URI base = URI.create(empty);
        assertThat(out.getScheme()).isEqualTo(base.getScheme());
        assertThat(out.getRawAuthority()).isEqualTo(base.getRawAuthority());
        assertThat(out.getRawPath()).isEqualTo(base.getRawPath());
        assertThat(expanded).doesNotContain(" ", "\r", "\n", "<", ">", "\"", "'");
    }

    @Property(tries = 300)
    void eachValueDecodesBackToItself(@ForAll("text") String title) {
        ShareTemplate reddit = ShareTemplate.compile("https://www.reddit.com/submit?url={url}&title={title}");
        String expanded = reddit.expand(Map.of("url", "https://blog.example/", "title", title));
        String query = URI.create(expanded).getRawQuery();
        String[] params = query.split("&");
        assertThat(params).hasSize(title.isEmpty() ? 1 : 2);
        if (!title.isEmpty()) {
            assertThat(URLDecoder.decode(params[1].substring("title=".length()), StandardCharsets.UTF_8))
                    .isEqualTo(title);
        }
    }

    @Provide
    Arbitrary<String> text() {
        // Any well-formed Unicode text (lone surrogates cannot be UTF-8 encoded and never pass our input checks).
        return Arbitraries.strings().all().ofMaxLength(60)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)
                        && !s.contains("+"));
    }

    @Provide
    Arbitrary<Network> webNetworks() {
        return Arbitraries.of(CATALOG.all().stream()
                .filter(n -> n.isActive() && n.template() != null && n.template().startsWith("https://")).toList());
    }
}
