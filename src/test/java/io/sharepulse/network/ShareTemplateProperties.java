package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Whatever a title or URL holds, expansion keeps the reader on the network's own host and page. */
class ShareTemplateProperties {

    static final NetworkCatalog CATALOG = new NetworkCatalog(new ObjectMapper());

    @Test
    void noValueMovesTheReaderOffTheTemplatesHostOrPath() {
        Gen<Network> networks = Generate.pick(CATALOG.all().stream()
                .filter(n -> n.isActive() && n.template() != null && n.template().startsWith("https://")).toList());
        qt().withExamples(500).forAll(text(), text(), networks).checkAssert((title, url, network) -> {
            Map<String, String> values = Map.of("url", url, "title", title, "text", title, "via", title,
                    "tags", title, "media", url);
            String expanded = CATALOG.shareUrl(network, values).orElseThrow();
            URI out = URI.create(expanded);
            URI base = URI.create(CATALOG.shareUrl(network, Map.of()).orElseThrow());
            assertThat(out.getScheme()).isEqualTo(base.getScheme());
            assertThat(out.getRawAuthority()).isEqualTo(base.getRawAuthority());
            assertThat(out.getRawPath()).isEqualTo(base.getRawPath());
            assertThat(expanded).doesNotContain(" ", "\r", "\n", "<", ">", "\"", "'");
        });
    }

    @Test
    void eachValueDecodesBackToItself() {
        ShareTemplate reddit = ShareTemplate.compile("https://www.reddit.com/submit?url={url}&title={title}");
        qt().withExamples(500).forAll(text()).checkAssert(title -> {
            String query = URI.create(reddit.expand(Map.of("url", "https://blog.example/", "title", title)))
                    .getRawQuery();
            String[] params = query.split("&");
            assertThat(params).hasSize(title.isEmpty() ? 1 : 2);
            if (!title.isEmpty()) {
                // Our encoding never writes '+', so decoding as a form value gives the title back exactly.
                assertThat(URLDecoder.decode(params[1].substring("title=".length()), StandardCharsets.UTF_8))
                        .isEqualTo(title);
            }
        });
    }

    /** Any well-formed Unicode text: lone surrogates cannot be UTF-8 encoded and never pass our input checks. */
    static Gen<String> text() {
        return strings().allPossible().ofLengthBetween(0, 60)
                .assuming(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF) && !s.contains("+"));
    }
}
