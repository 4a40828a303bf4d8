package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Jekyll plugin and include ({@code integrations/jekyll}) with the machine's real {@code jekyll} (Debian's
 * 4.3) and this service: the fixture site ({@code test/site}: posts with the {@code {% sharepulse %}} tag, an index
 * with a bar per post, pages with {@code _includes/sharepulse.html}) is built with its own config plus one file
 * that points it at the service, in script mode, in fragment mode, with the service down and with one that never
 * answers; every page is checked.
 */
@QuarkusTest
class JekyllIntegrationTest extends PlatformTest {

    static final Path SITE = Platform.INTEGRATIONS.resolve("jekyll/test/site");

    static final String ABOUT = "https://blog.example/about/";

    @BeforeEach
    void jekyllIsInstalled() {
        Platform.require("jekyll");
    }

    @Test
    void scriptModeTagAndIncludeGiveOneBarEachAndOptedOutPagesNone(@TempDir Path out) throws IOException {
        String site = createSite("jekyll", NETWORKS, OWN_PAGES);
        Built built = build("script mode", api(), site, "script", out);

        // The tag.
        assertScriptModePosts(built, site, "Hello &amp; &quot;welcome&quot;");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(frame(built.page("posts/hello"))).contains("/s/" + post + "/reddit\"");

        // The include, with Liquid alone: the same element and script, and a frame whose address the service
        // answers with the page's real links.
        String about = built.page("about");
        assertThat(occurrences(about, "<share-bar ")).isOne();
        assertThat(about).contains("<share-bar class=\"sharepulse\" data-site=\"" + site + "\" data-url=\"" + ABOUT
                + "\" data-title=\"About this blog\" data-networks=\"reddit,email\"></share-bar>", scriptTag(site));
        // The frame's fetch is the page's first registration, so it sets the title.
        String framed = frame(about);
        String aboutPost = share(site, ABOUT, "ignored").getString("post");
        assertThat(links(framed)).containsExactly(api() + "/s/" + aboutPost + "/reddit",
                api() + "/s/" + aboutPost + "/email");
        assertThat(share(site, ABOUT, "ignored").getString("title")).isEqualTo("About this blog");
        assertThat(built.page("quiet-page")).contains("<h1>A quiet page</h1>").doesNotContain("<share-bar", "<script");
    }

    @Test
    void fragmentModeWritesTheServicesLinksAtBuildTime(@TempDir Path out) throws IOException {
        String site = createSite("jekyll-fragment", NETWORKS, OWN_PAGES);
        Built built = build("fragment mode", api(), site, "fragment", out);
        assertFragmentModePosts(built, site);
        assertThat(links(built.page("posts/dark"))).hasSize(2);
        // The include has no fragment mode (no plugin can run where it is used): still the script and the frame.
        assertThat(built.page("about")).containsOnlyOnce("<share-bar ").contains("<noscript><iframe ");
    }

    @Test
    void withTheServiceDownTheBuildSucceedsWithTheScriptTag(@TempDir Path out) throws IOException {
        String site = createSite("jekyll-down", NETWORKS, OWN_PAGES);
        String down = "http://127.0.0.1:" + Platform.freePort();
        Built built = build("fragment mode, service down", down, site, "fragment", out);
        assertFellBackWithHomeBars(built, down, site);
        assertThat(built.output()).contains(down + " did not give the bar (ECONNREFUSED)");
    }

    @Test
    void withAServiceThatNeverAnswersTheBuildWaitsOneTimeoutAndFallsBack(@TempDir Path out) throws IOException {
        String site = createSite("jekyll-silent", NETWORKS, OWN_PAGES);
        try (WordPressIntegrationTest.Silent silent = new WordPressIntegrationTest.Silent()) {
            long start = System.nanoTime();
            Built built = build("fragment mode, service silent", silent.url(), site, "fragment", out);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFellBackWithHomeBars(built, silent.url(), site);
            assertThat(built.output()).contains(silent.url() + " did not give the bar (no answer within 2 s)");
            // One fetch waited its 2 s; the other pages of the build did not ask again.
            assertThat(silent.accepted()).isOne();
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    /** {@link #assertFellBack(Built, String, String)}, and the home page still has a bar per post. */
    static void assertFellBackWithHomeBars(Built built, String service, String site) throws IOException {
        assertFellBack(built, service, site);
        assertThat(occurrences(built.page(""), "<share-bar ")).isEqualTo(2);
    }

    /** Builds the fixture site with its own config plus one file that points it at {@code service}. */
    static Built build(String what, String service, String site, String mode, Path out) throws IOException {
        Path config = out.resolve("sharepulse.yml");
        Files.writeString(config, """
                sharepulse:
                  service: "%s"
                  site: "%s"
                  mode: "%s"
                """.formatted(service, site, mode));
        return build("JekyllIntegrationTest", what, SITE, out.resolve("site"), List.of("Error", "Liquid Exception"),
                "jekyll", "build", "--source", SITE.toString(), "--destination", out.resolve("site").toString(),
                "--disable-disk-cache", "--config", SITE.resolve("_config.yml") + "," + config);
    }
}
