package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.sharepulse.Browser;
import io.sharepulse.OtherOrigin;

/**
 * What the blog-platform tests share: the test blog's bar and post, the host its pages come from, our address, and
 * the build-and-check steps of the static-site generators (Hugo, Jekyll) and the Node packages (Eleventy, Ghost).
 */
abstract class PlatformTest {

    /** The test blog's pages are served from OtherOrigin. */
    static final Map<String, Object> OWN_PAGES = OtherOrigin.OWN_PAGES;

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "email");
    static final String POST = "https://blog.example/posts/hello/";

    /** What a generator prints when the service did not give it a bar (once a build). */
    static final String FALLBACK_WARNING = "did not give the bar";

    @TestHTTPResource("/")
    URL base;

    /**
     * A post the platform built ({@code html}, the page of {@link #POST}) served from another origin and read in
     * Chromium: the bar shows the site's three buttons, Reddit's links to our redirect, and a click on it counts.
     */
    void aReaderClicksRedditAndItCounts(String site, String html) {
        try (OtherOrigin blog = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.get(blog.serve("/posts/hello/", html, Map.of()));
            SearchContext bar = Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                    () -> browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot(),
                    root -> !root.findElements(By.cssSelector("a")).isEmpty());
            assertThat(bar.findElements(By.cssSelector("a"))).extracting(a -> a.getAttribute("aria-label"))
                    .containsExactly("Share on Reddit", "Share on Bluesky", "Share on Email");
            String post = share(site, POST, "ignored").getString("post");
            WebElement reddit = bar.findElement(By.cssSelector("a.n-reddit"));
            assertThat(reddit.getAttribute("href")).isEqualTo(api() + "/s/" + post + "/reddit");
            assertThat(share(site, POST, "ignored").getString("title")).isEqualTo("Hello & \"welcome\"");

            assertThat(count(post, "reddit")).isZero();
            reddit.click();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(count(post, "reddit")).isOne());
            assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("/favicon.ico")).isEmpty();
        }
    }

    /** Skips the calling test unless Node.js is installed and {@code npm ci} has run in {@code pkg}. */
    static void requireNodePackage(Path pkg, String module) {
        Platform.require("node");
        assumeTrue(Files.isDirectory(pkg.resolve("node_modules").resolve(module)),
                "npm ci has not run in integrations/" + pkg.getFileName() + " (scripts/ensure-integrations.sh)");
    }

    /** A {@code node --test} run passed, and every case ran: none was skipped for want of the service (or Ghost). */
    static void assertPassedEveryCase(Platform.Result node) {
        assertThat(node.ok()).as(node.output()).isTrue();
        assertThat(node.output()).as(node.output()).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }

    /** A finished build: its output folder and what the generator printed. */
    record Built(Path site, String output) {
        String page(String path) throws IOException {
            return Files.readString(site.resolve(path).resolve("index.html"), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs a generator's build in {@code dir} (into {@code site}) and prints how long it took, as {@code test}
     * ({@code what}); the build must succeed and print none of {@code errors}.
     */
    static Built build(String test, String what, Path dir, Path site, List<String> errors, String... command) {
        long start = System.nanoTime();
        Platform.Result build = Platform.run(dir, Duration.ofMinutes(2), Map.of(), command);
        System.out.printf("%s: %-30s build took %5d ms%n", test, what, (System.nanoTime() - start) / 1_000_000);
        assertThat(build.ok()).as(build.output()).isTrue();
        assertThat(build.output()).as(build.output()).doesNotContain(errors);
        return new Built(site, build.output());
    }

    /** Script mode: the post has one bar and one script; the dark post its own bar; the home page one per post. */
    void assertScriptModePosts(Built built, String site, String title) throws IOException {
        String hello = built.page("posts/hello");
        assertThat(occurrences(hello, "<share-bar ")).isOne();
        assertThat(occurrences(hello, "<script ")).isOne();
        assertThat(hello).contains("<share-bar class=\"sharepulse\" data-site=\"" + site + "\" data-url=\"" + POST
                + "\" data-title=\"" + title + "\"></share-bar>", scriptTag(site));
        assertThat(built.page("posts/dark")).containsOnlyOnce("<share-bar ")
                .contains("data-networks=\"reddit,email\" data-theme=\"dark\"></share-bar>");
        assertThat(built.page("posts/quiet")).contains("<h1>A quiet post</h1>")
                .doesNotContain("<share-bar", "widget.js", "/embed/");
        // The home page gives each post its own bar (the quiet one none), with the layout its call asked for.
        String home = built.page("");
        assertThat(occurrences(home, "<share-bar ")).isEqualTo(2);
        assertThat(occurrences(home, "data-layout=\"horizontal\"")).isEqualTo(2);
        assertThat(home).doesNotContain("data-url=\"https://blog.example/posts/quiet/\"");
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);
    }

    /** The script tag a script-mode page loads the widget with. */
    String scriptTag(String site) {
        return "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>";
    }

    /**
     * Fragment mode: the post has the service's three links written at build time and no script, the title
     * travelled through the query string intact (the service keeps the first one it is given), the home page has
     * the links of both posts and the quiet post none.
     */
    void assertFragmentModePosts(Built built, String site) throws IOException {
        assertThat(built.output()).doesNotContain(FALLBACK_WARNING);
        String hello = built.page("posts/hello");
        String post = share(site, POST, "ignored").getString("post");
        assertThat(hello).doesNotContain("<script", "<share-bar", "<iframe").containsOnlyOnce("<nav ");
        assertThat(links(hello)).containsExactly(api() + "/s/" + post + "/reddit", api() + "/s/" + post + "/bluesky",
                api() + "/s/" + post + "/email");
        assertThat(share(site, POST, "ignored").getString("title")).isEqualTo("Hello & \"welcome\"");
        assertThat(links(built.page(""))).hasSize(3 + 2);
        assertThat(built.page("posts/quiet")).doesNotContain("<nav", "<share-bar", "<script");
    }

    /**
     * A build whose fetch of the bar failed ({@code service} down or silent) still succeeded: the post has the
     * script tag and the frame instead of links, the quiet post nothing, and the build warned once.
     */
    static void assertFellBack(Built built, String service, String site) throws IOException {
        String hello = built.page("posts/hello");
        assertThat(hello).doesNotContain("<nav").containsOnlyOnce("<share-bar ")
                .contains("<script src=\"" + service + "/widget.js\" data-site=\"" + site + "\" async></script>",
                        "<noscript><iframe src=\"" + service + "/embed/" + site + "?");
        assertThat(built.page("posts/quiet")).doesNotContain("<share-bar", "<script");
        // One warning for the whole build, whatever the number of bars.
        assertThat(occurrences(built.output(), FALLBACK_WARNING)).as(built.output()).isOne();
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

    /** What the service answers at the address of a page's {@code <noscript>} frame. */
    static String frame(String html) {
        String src = attribute(html, "<noscript><iframe src=\"");
        return given().urlEncodingEnabled(false).get(src).then().statusCode(HttpStatus.SC_OK).extract().asString();
    }

    /** This service, as the platform and the browser reach it. */
    String api() {
        return base.toString().replaceAll("/$", "");
    }
}
