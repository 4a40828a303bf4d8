package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.openqa.selenium.WebElement;

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
class EleventyIntegrationTest extends PlatformTest {

    static final Path PACKAGE = Platform.INTEGRATIONS.resolve("eleventy");

    @BeforeEach
    void eleventyIsInstalled() {
        requireNodePackage(PACKAGE, "@11ty/eleventy");
    }

    @Test
    void thePluginsOwnSuitePassesWithTheServiceUpDownAndStalled() {
        String site = createSite("eleventy", NETWORKS, OWN_PAGES);
        Platform.Result node = Platform.run(PACKAGE, Duration.ofMinutes(3),
                Map.of("SHAREPULSE_URL", api(), "SHAREPULSE_SITE", site,
                        "SHAREPULSE_DOWN_URL", "http://127.0.0.1:" + Platform.freePort()),
                "node", "--test", "test/");
        assertPassedEveryCase(node);
    }

    @Test
    void aBuiltPostShowsTheBarInChromiumAndAClickOnItCounts(@TempDir Path out) throws IOException {
        String site = createSite("eleventy-click", NETWORKS, OWN_PAGES);
        String html = Files.readString(build(site, "script", out).resolve("posts/hello/index.html"));
        assertThat(html).containsOnlyOnce("<share-bar ").containsOnlyOnce(api() + "/widget.js");

        aReaderClicksRedditAndItCounts(site, html);
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
