package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Browser;
import io.sharepulse.OtherOrigin;

/**
 * The Eleventy plugin ({@code integrations/eleventy}) against real Eleventy 3 and this service: its own
 * {@code node:test} suite builds the example site with the service up, down and stalled, and checks every page
 * exactly; then a page built the way a blogger builds it (Eleventy's command line, the example's config file) is
 * served from another origin and read in Chromium, where the bar renders and a click counts.
 */
@QuarkusTest
class EleventyIntegrationTest {

    static final Path PACKAGE = Platform.INTEGRATIONS.resolve("eleventy");
    /**
     * Test pages are served from 127.0.0.1 (OtherOrigin): the site owns that host as well as the pages' URLs', as a
     * real blog's pages are on its own domain, so the browser's requests come from one of the site's pages.
     */
    static final Map<String, Object> OWN_PAGES = Map.of("domains", List.of("blog.example", "127.0.0.1"));

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "email");
    static final String POST = "https://blog.example/posts/hello/";

    @TestHTTPResource("/")
    URL base;

    String api() {
        return base.toString().replaceAll("/$", "");
    }

    @BeforeEach
    void eleventyIsInstalled() {
        Platform.require("node");
        assumeTrue(Files.isDirectory(PACKAGE.resolve("node_modules/@11ty/eleventy")),
                "npm ci has not run in integrations/eleventy (scripts/ensure-integrations.sh)");
    }

    @Test
    void thePluginsOwnSuitePassesWithTheServiceUpDownAndStalled() {
        String site = createSite("eleventy", NETWORKS, OWN_PAGES);
        Platform.Result node = Platform.run(PACKAGE, Duration.ofMinutes(3),
                Map.of("SHAREPULSE_URL", api(), "SHAREPULSE_SITE", site,
                        "SHAREPULSE_DOWN_URL", "http://127.0.0.1:" + Platform.freePort()),
                "node", "--test", "test/");
        assertThat(node.ok()).as(node.output()).isTrue();
        // Every case ran: none was skipped for want of the service.
        assertThat(node.output()).as(node.output()).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }

    @Test
    void aBuiltPostShowsTheBarInChromiumAndAClickOnItCounts(@TempDir Path out) throws IOException {
        String site = createSite("eleventy-click", NETWORKS, OWN_PAGES);
        String html = Files.readString(build(site, "script", out).resolve("posts/hello/index.html"));
        assertThat(html).containsOnlyOnce("<share-bar ").containsOnlyOnce(api() + "/widget.js");

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

    @Test
    void aFragmentModePostWorksWithJavaScriptOff(@TempDir Path out) throws IOException {
        String site = createSite("eleventy-nojs", NETWORKS, OWN_PAGES);
        String html = Files.readString(build(site, "fragment", out).resolve("posts/hello/index.html"));
        assertThat(html).doesNotContain("<script", "<share-bar").contains("aria-label=\"Share on Reddit\"");

        try (OtherOrigin blog = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.javaScript(false).get(blog.serve("/posts/hello/", html, Map.of()));
            List<WebElement> links = browser.driver().findElements(By.cssSelector("nav a"));
            assertThat(links).extracting(a -> a.getAttribute("aria-label"))
                    .containsExactly("Share on Reddit", "Share on Bluesky", "Share on Email");
            String post = share(site, POST, "ignored").getString("post");
            assertThat(count(post, "reddit")).isZero();
            links.get(0).click();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(count(post, "reddit")).isOne());
        }
    }

    /** Builds the example site with Eleventy's command line and its config file; returns the output folder. */
    Path build(String site, String mode, Path out) {
        Platform.Result eleventy = Platform.run(PACKAGE, Duration.ofMinutes(2),
                // A generous timeout: under load a first answer can be slow, and this build is meant to get it.
                Map.of("SHAREPULSE_URL", api(), "SHAREPULSE_SITE", site, "SHAREPULSE_MODE", mode,
                        "SHAREPULSE_TIMEOUT", "30000", "SHAREPULSE_CACHE", out.resolve("cache").toString()),
                "node", "node_modules/@11ty/eleventy/cmd.cjs", "--config=example/eleventy.config.js",
                "--input=example", "--output=" + out.resolve("site"), "--quiet");
        assertThat(eleventy.ok()).as(eleventy.output()).isTrue();
        assertThat(eleventy.output()).as(eleventy.output()).doesNotContain("[sharepulse]"); // no fallback warning
        return out.resolve("site");
    }
}
