package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Hugo component ({@code integrations/hugo}) with the machine's real {@code hugo} (Debian's 0.111) and this
 * service: its example site is built the way a blogger builds it (the component as a theme, the site's own
 * config, one more config file for the service's address), in script mode, in fragment mode, and in fragment mode
 * with the service down; every page is checked, and a built post is served from another origin and clicked in
 * Chromium.
 */
@QuarkusTest
class HugoIntegrationTest extends PlatformTest {

    static final Path EXAMPLE = Platform.INTEGRATIONS.resolve("hugo/exampleSite");

    static final String FALLBACK_WARNING = "did not give the bar";

    @BeforeEach
    void hugoIsInstalled() {
        Platform.require("hugo");
    }

    @Test
    void scriptModeGivesEachPostOneBarAndOptedOutPagesNone(@TempDir Path out) throws IOException {
        String site = createSite("hugo", NETWORKS, OWN_PAGES);
        Built built = build("script mode", api(), site, "script", out);

        String hello = built.page("posts/hello");
        assertThat(occurrences(hello, "<share-bar ")).isOne();
        assertThat(occurrences(hello, "<script ")).isOne();
        assertThat(hello).contains("<share-bar class=\"sharepulse\" data-site=\"" + site + "\" data-url=\"" + POST
                + "\" data-title=\"Hello &amp; &#34;welcome&#34;\"></share-bar>",
                "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>");
        // Readers without JavaScript get the bar in a frame, at an address the service answers with real links.
        String frame = attribute(hello, "<noscript><iframe src=\"");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(given().urlEncodingEnabled(false).get(frame).then().statusCode(HttpStatus.SC_OK).extract().asString())
                .contains("/s/" + post + "/reddit\"");

        String quiet = built.page("posts/quiet");
        assertThat(quiet).contains("<h1>A quiet post</h1>").doesNotContain("<share-bar", "widget.js", "/embed/");

        assertThat(built.page("posts/dark")).containsOnlyOnce("<share-bar ")
                .contains("data-networks=\"reddit,email\" data-theme=\"dark\"></share-bar>");
        assertThat(built.page("about")).containsOnlyOnce("<share-bar ")
                .contains("data-url=\"https://blog.example/about/\" data-title=\"About this blog\" "
                        + "data-networks=\"reddit,email\"></share-bar>");
        // The home page gives each post its own bar (the quiet one none), with the layout its call asked for.
        String home = built.page("");
        assertThat(occurrences(home, "<share-bar ")).isEqualTo(2);
        assertThat(occurrences(home, "data-layout=\"horizontal\"")).isEqualTo(2);
        assertThat(home).doesNotContain("data-url=\"https://blog.example/posts/quiet/\"");
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);
    }

    @Test
    void fragmentModeWritesTheServicesLinksAtBuildTime(@TempDir Path out) throws IOException {
        String site = createSite("hugo-fragment", NETWORKS, OWN_PAGES);
        Built built = build("fragment mode", api(), site, "fragment", out);
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);

        String hello = built.page("posts/hello");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(hello).doesNotContain("<script", "<share-bar", "<iframe").containsOnlyOnce("<nav ");
        assertThat(links(hello)).containsExactly(api() + "/s/" + post + "/reddit", api() + "/s/" + post + "/bluesky",
                api() + "/s/" + post + "/email");
        // The title travelled through the query string intact (the service keeps the first one it is given).
        assertThat(share(site, POST, "ignored").getString("title")).isEqualTo("Hello & \"welcome\"");

        assertThat(links(built.page("about"))).hasSize(2).allMatch(href -> href.startsWith(api() + "/s/" + site + "."))
                .anyMatch(href -> href.endsWith("/reddit")).anyMatch(href -> href.endsWith("/email"));
        assertThat(built.page("posts/quiet")).doesNotContain("<nav", "<share-bar", "<script");
        assertThat(links(built.page(""))).hasSize(3 + 2);
    }

    @Test
    void withTheServiceDownTheBuildSucceedsWithTheScriptTag(@TempDir Path out) throws IOException {
        String site = createSite("hugo-down", NETWORKS, OWN_PAGES);
        String down = "http://127.0.0.1:" + Platform.freePort();
        Built built = build("fragment mode, service down", down, site, "fragment", out);

        String hello = built.page("posts/hello");
        assertThat(hello).doesNotContain("<nav").containsOnlyOnce("<share-bar ")
                .contains("<script src=\"" + down + "/widget.js\" data-site=\"" + site + "\" async></script>",
                        "<noscript><iframe src=\"" + down + "/embed/" + site + "?");
        assertThat(built.page("posts/quiet")).doesNotContain("<share-bar", "<script");
        // One warning for the whole build, whatever the number of bars.
        assertThat(occurrences(built.output(), FALLBACK_WARNING)).as(built.output()).isOne();
        assertThat(built.output()).contains(down + " did not give the bar (connection refused)");
    }

    @Test
    void aBuiltPostShowsTheBarInChromiumAndAClickOnItCounts(@TempDir Path out) throws IOException {
        String site = createSite("hugo-click", NETWORKS, OWN_PAGES);
        String html = build("script mode, for Chromium", api(), site, "script", out).page("posts/hello");

        aReaderClicksRedditAndItCounts(site, html);
    }

    /** A finished build: its output folder and what Hugo printed. */
    record Built(Path site, String output) {
        String page(String path) throws IOException {
            return Files.readString(site.resolve(path).resolve("index.html"), StandardCharsets.UTF_8);
        }
    }

    /**
     * Builds the example site with its own config plus one file that points it at {@code service}; the cache, the
     * output and Hugo's generated resources go to {@code out}, so no build sees another's fetched bars.
     */
    static Built build(String what, String service, String site, String mode, Path out) throws IOException {
        Path config = out.resolve("sharepulse.toml");
        Files.writeString(config, """
                resourceDir = "%s"
                [params.sharepulse]
                  service = "%s"
                  site = "%s"
                  mode = "%s"
                """.formatted(out.resolve("resources"), service, site, mode));
        long start = System.nanoTime();
        Platform.Result hugo = Platform.run(EXAMPLE, Duration.ofMinutes(2), Map.of(), "hugo", "--noBuildLock",
                "--config", EXAMPLE.resolve("hugo.toml") + "," + config, "--cacheDir", out.resolve("cache").toString(),
                "--destination", out.resolve("public").toString());
        System.out.printf("HugoIntegrationTest: %-30s build took %5d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        assertThat(hugo.ok()).as(hugo.output()).isTrue();
        assertThat(hugo.output()).as(hugo.output()).doesNotContain("ERROR");
        return new Built(out.resolve("public"), hugo.output());
    }

    static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The value of the attribute that starts right after {@code prefix}, with HTML's entities undone. */
    static String attribute(String html, String prefix) {
        int start = html.indexOf(prefix);
        assertThat(start).as(html).isNotNegative();
        String raw = html.substring(start + prefix.length(), html.indexOf('"', start + prefix.length()));
        return raw.replace("&amp;", "&").replace("&#43;", "+");
    }

    /** The hrefs of a page's share links (the fragment's buttons), in order. */
    static List<String> links(String html) {
        Matcher m = Pattern.compile("<a class=\"n-[a-z0-9]+( r)?\" href=\"([^\"]+)\"").matcher(html);
        return m.results().map(r -> r.group(2).replace("&amp;", "&")).toList();
    }
}
