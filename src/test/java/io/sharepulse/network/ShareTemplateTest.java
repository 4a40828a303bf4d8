package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareTemplateTest {

    static final ShareTemplate REDDIT = ShareTemplate.compile("https://www.reddit.com/submit?url={url}&title={title}");

    @Test
    void spacesBecomePercent20AndReservedCharactersAreEncoded() {
        String out = REDDIT.expand(Map.of("url", "https://blog.example/a b?x=1&y=2#frag", "title", "Rock & Roll + 100%"));
        assertThat(out).isEqualTo("https://www.reddit.com/submit"
                + "?url=https%3A%2F%2Fblog.example%2Fa%20b%3Fx%3D1%26y%3D2%23frag"
                + "&title=Rock%20%26%20Roll%20%2B%20100%25");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"><script>alert(1)</script>",
            "line\r\nLocation: https://evil.example/",
            "a&url=https://evil.example/&x=",
            "#fragment?and=query",
            "javascript:alert(1)",
            "Ünïcödé ✓ 日本語 🎉",
            "%2F%0D%0A already encoded",
            "../../etc/passwd"})
    void noTitleCanAddAParameterOrLeaveItsValue(String hostile) {
        String out = REDDIT.expand(Map.of("url", "https://blog.example/p", "title", hostile));
        URI uri = URI.create(out);
        assertThat(uri.getHost()).isEqualTo("www.reddit.com");
        assertThat(uri.getPath()).isEqualTo("/submit");
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getRawQuery().split("&")).hasSize(2);
        assertThat(out).doesNotContain("\r", "\n", " ", "<", ">", "\"");
        String title = uri.getRawQuery().split("&")[1].substring("title=".length());
        assertThat(java.net.URLDecoder.decode(title.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(hostile);
    }

    @Test
    void anEmptyOptionalParameterIsLeftOut() {
        ShareTemplate x = ShareTemplate.compile("https://twitter.com/intent/tweet?text={text}&url={url}&via={via}&hashtags={tags}");
        Map<String, String> values = new HashMap<>(Map.of("text", "Hi", "url", "https://b.example/"));
        values.put("via", null);
        assertThat(x.expand(values)).isEqualTo("https://twitter.com/intent/tweet?text=Hi&url=https%3A%2F%2Fb.example%2F");
        values.put("via", "lucille");
        assertThat(x.expand(values)).endsWith("&via=lucille");
    }

    @Test
    void anEmptyTextDropsTheSpaceThatSeparatedItFromTheUrl() {
        ShareTemplate whatsapp = ShareTemplate.compile("https://wa.me/?text={text}%20{url}");
        assertThat(whatsapp.expand(Map.of("text", "", "url", "https://b.example/")))
                .isEqualTo("https://wa.me/?text=https%3A%2F%2Fb.example%2F");
        assertThat(whatsapp.expand(Map.of("text", "Hi", "url", "https://b.example/")))
                .isEqualTo("https://wa.me/?text=Hi%20https%3A%2F%2Fb.example%2F");
    }

    @Test
    void mailtoKeepsItsLiteralLineBreaks() {
        ShareTemplate mail = ShareTemplate.compile("mailto:?subject={title}&body={text}%0A%0A{url}");
        assertThat(mail.expand(Map.of("title", "A?B", "text", "A?B", "url", "https://b.example/")))
                .isEqualTo("mailto:?subject=A%3FB&body=A%3FB%0A%0Ahttps%3A%2F%2Fb.example%2F");
    }

    @Test
    void placeholdersOutsideTheKnownSetOrInTheHostAreRefused() {
        assertThatThrownBy(() -> ShareTemplate.compile("https://a.example/?x={secret}"))
                .hasMessageContaining("unknown placeholder");
        assertThatThrownBy(() -> ShareTemplate.compile("https://{url}.example/")).hasMessageContaining("host");
        assertThatThrownBy(() -> ShareTemplate.compile("{url}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareTemplate.compile("https://a.example/?x={url")).hasMessageContaining("unclosed");
    }
}
