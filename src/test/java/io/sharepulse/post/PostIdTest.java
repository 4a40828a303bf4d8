package io.sharepulse.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostIdTest {

    @Test
    void theSamePageGivesTheSameIdOnEveryPod() {
        PostId a = PostId.derive("blog1", "https://blog.example/p");
        PostId b = PostId.derive("blog1", "https://blog.example/p");
        assertThat(a).isEqualTo(b);
        assertThat(a.value()).matches("blog1\\.[0-9A-Za-z]{13}");
    }

    @Test
    void anotherSiteOrPageGivesAnotherId() {
        PostId a = PostId.derive("blog1", "https://blog.example/p");
        assertThat(PostId.derive("blog2", "https://blog.example/p").hash()).isNotEqualTo(a.hash());
        assertThat(PostId.derive("blog1", "https://blog.example/q").hash()).isNotEqualTo(a.hash());
    }

    @Test
    void parseReadsTheSiteFromTheIdAndRefusesAnythingElse() {
        PostId id = PostId.derive("my-blog", "https://blog.example/p");
        assertThat(PostId.parse(id.value())).contains(id);
        assertThat(PostId.parse("my-blog.short")).isEmpty();
        assertThat(PostId.parse("../etc/passwd")).isEmpty();
        assertThat(PostId.parse("UPPER.0123456789abc")).isEmpty();
        assertThat(PostId.parse(null)).isEmpty();
    }
}
