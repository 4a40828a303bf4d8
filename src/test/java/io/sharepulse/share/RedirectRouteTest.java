package io.sharepulse.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which addresses the fast route takes itself; everything else must reach JAX-RS, which decodes and answers. */
class RedirectRouteTest {

    @Test
    void takesPlainPostAndNetwork() {
        assertThat(RedirectRoute.ids("/s/blog.AbC123xyz0987/reddit")).containsExactly("blog.AbC123xyz0987", "reddit");
        assertThat(RedirectRoute.ids("/s/my-blog.x_y/x")).containsExactly("my-blog.x_y", "x");
    }

    @Test
    void leavesEverythingElseToJaxRs() {
        for (String path : new String[] { "/s/", "/s//reddit", "/s/post/", "/s/post", "/s/a/b/c", "/s/a/b/",
                "/s/a%2Eb/reddit", "/s/a/red%64it", "/s/a b/reddit", "/s/ünï/reddit", "/x/a/b", "/s/a/b?x", null }) {
            assertThat(RedirectRoute.ids(path)).as(path).isNull();
        }
    }
}
