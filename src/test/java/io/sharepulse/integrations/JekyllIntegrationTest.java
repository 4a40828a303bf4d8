package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.integrations.HugoIntegrationTest.attribute;
import static io.sharepulse.integrations.HugoIntegrationTest.links;
import static io.sharepulse.integrations.HugoIntegrationTest.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Jekyll plugin and include ({@code integrations/jekyll}) with the machine's real {@code jekyll} (Debian's
 * 4.3) and this service: the fixture site ({@code test/site}: posts with the {@code {% sharepulse %}} tag, an index
 * with a bar per post, pages with {@code _includes/sharepulse.html}) is built with its own config plus one file
 * that points it at the service, in script mode, in fragment mode, with the service down and with one that never
 * answers; every page is checked.
 */
@QuarkusTest
class JekyllIntegrationTest {

    static final Path SITE = Platform.INTEGRATIONS.resolve("jekyll/test/site");
    /**
     * Test pages are served from 127.0.0.1 (OtherOrigin): the site owns that host as well as the pages' URLs', as a
     * real blog's pages are on its own domain, so the browser's requests come from one of the site's pages.
     */
    static final Map<String, Object> OWN_PAGES = Map.of("domains", List.of("blog.example", "127.0.0.1"));

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "email");
    static final String POST = "https://blog.example/posts/hello/";
    static final String ABOUT = "https://blog.example/about/";
    static final String FALLBACK_WARNING = "did not give the bar";

    @TestHTTPResource("/")
    URL base;

    String api() {
        return base.toString().replaceAll("/$", "");
    }

    @BeforeEach
    void jekyllIsInstalled() {
        Platform.require("jekyll");
    }

    @Test
    void scriptModeTagAndIncludeGiveOneBarEachAndOptedOutPagesNone(@TempDir Path out) throws IOException {
        String site = createSite("jekyll", NETWORKS, OWN_PAGES);
        Built built = build("script mode", api(), site, "script", out);
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);

        // The tag.
        String hello = built.page("posts/hello");
        assertThat(occurrences(hello, "<share-bar ")).isOne();
        assertThat(occurrences(hello, "<script ")).isOne();
        assertThat(hello).contains("<share-bar class=\"sharepulse\" data-site=\"" + site + "\" data-url=\"" + POST
                + "\" data-title=\"Hello &amp; &quot;welcome&quot;\"></share-bar>",
                "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(frame(hello)).contains("/s/" + post + "/reddit\"");
        assertThat(built.page("posts/dark")).containsOnlyOnce("<share-bar ")
                .contains("data-networks=\"reddit,email\" data-theme=\"dark\"></share-bar>");
        assertThat(built.page("posts/quiet")).contains("<h1>A quiet post</h1>")
                .doesNotContain("<share-bar", "widget.js", "/embed/");
        String home = built.page("");
        assertThat(occurrences(home, "<share-bar ")).isEqualTo(2);
        assertThat(occurrences(home, "data-layout=\"horizontal\"")).isEqualTo(2);
        assertThat(home).doesNotContain("data-url=\"https://blog.example/posts/quiet/\"");

        // The include, with Liquid alone: the same element and script, and a frame whose address the service
        // answers with the page's real links.
        String about = built.page("about");
        assertThat(occurrences(about, "<share-bar ")).isOne();
        assertThat(about).contains("<share-bar class=\"sharepulse\" data-site=\"" + site + "\" data-url=\"" + ABOUT
                + "\" data-title=\"About this blog\" data-networks=\"reddit,email\"></share-bar>",
                "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>");
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
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);

        String hello = built.page("posts/hello");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(hello).doesNotContain("<script", "<share-bar", "<iframe").containsOnlyOnce("<nav ");
        assertThat(links(hello)).containsExactly(api() + "/s/" + post + "/reddit", api() + "/s/" + post + "/bluesky",
                api() + "/s/" + post + "/email");
        assertThat(share(site, POST, "ignored").getString("title")).isEqualTo("Hello & \"welcome\"");
        assertThat(links(built.page("posts/dark"))).hasSize(2);
        assertThat(links(built.page(""))).hasSize(3 + 2);
        assertThat(built.page("posts/quiet")).doesNotContain("<nav", "<share-bar", "<script");
        // The include has no fragment mode (no plugin can run where it is used): still the script and the frame.
        assertThat(built.page("about")).containsOnlyOnce("<share-bar ").contains("<noscript><iframe ");
    }

    @Test
    void withTheServiceDownTheBuildSucceedsWithTheScriptTag(@TempDir Path out) throws IOException {
        String site = createSite("jekyll-down", NETWORKS, OWN_PAGES);
        String down = "http://127.0.0.1:" + Platform.freePort();
        Built built = build("fragment mode, service down", down, site, "fragment", out);
        assertFellBack(built, down, site);
        assertThat(built.output()).contains(down + " did not give the bar (ECONNREFUSED)");
    }

    @Test
    void withAServiceThatNeverAnswersTheBuildWaitsOneTimeoutAndFallsBack(@TempDir Path out) throws IOException {
        String site = createSite("jekyll-silent", NETWORKS, OWN_PAGES);
        try (WordPressIntegrationTest.Silent silent = new WordPressIntegrationTest.Silent()) {
            long start = System.nanoTime();
            Built built = build("fragment mode, service silent", silent.url(), site, "fragment", out);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFellBack(built, silent.url(), site);
            assertThat(built.output()).contains(silent.url() + " did not give the bar (no answer within 2 s)");
            // One fetch waited its 2 s; the other pages of the build did not ask again.
            assertThat(silent.accepted()).isOne();
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    void assertFellBack(Built built, String service, String site) throws IOException {
        String hello = built.page("posts/hello");
        assertThat(hello).doesNotContain("<nav").containsOnlyOnce("<share-bar ")
                .contains("<script src=\"" + service + "/widget.js\" data-site=\"" + site + "\" async></script>",
                        "<noscript><iframe src=\"" + service + "/embed/" + site + "?");
        assertThat(occurrences(built.page(""), "<share-bar ")).isEqualTo(2);
        assertThat(built.page("posts/quiet")).doesNotContain("<share-bar", "<script");
        // One warning for the whole build, whatever the number of bars.
        assertThat(occurrences(built.output(), FALLBACK_WARNING)).as(built.output()).isOne();
    }

    /** What the service answers at the address of a page's {@code <noscript>} frame. */
    static String frame(String html) {
        String src = attribute(html, "<noscript><iframe src=\"");
        return given().urlEncodingEnabled(false).get(src).then().statusCode(HttpStatus.SC_OK).extract().asString();
    }

    /** A finished build: its output folder and what Jekyll printed. */
    record Built(Path site, String output) {
        String page(String path) throws IOException {
            return Files.readString(site.resolve(path).resolve("index.html"), StandardCharsets.UTF_8);
        }
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
        long start = System.nanoTime();
        Platform.Result jekyll = Platform.run(SITE, Duration.ofMinutes(2), Map.of(), "jekyll", "build",
                "--source", SITE.toString(), "--destination", out.resolve("site").toString(), "--disable-disk-cache",
                "--config", SITE.resolve("_config.yml") + "," + config);
        System.out.printf("JekyllIntegrationTest: %-30s build took %5d ms%n", what,
                (System.nanoTime() - start) / 1_000_000);
        assertThat(jekyll.ok()).as(jekyll.output()).isTrue();
        assertThat(jekyll.output()).as(jekyll.output()).doesNotContain("Error", "Liquid Exception");
        return new Built(out.resolve("site"), jekyll.output());
    }
}
