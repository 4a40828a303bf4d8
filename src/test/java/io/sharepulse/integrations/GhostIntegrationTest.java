package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Browser;

/**
 * The Ghost integration ({@code integrations/ghost}) against Ghost's own tooling and a real Ghost 5 on SQLite
 * (installed once per machine by {@code integrations/ghost/ensure-ghost.sh}): gscan passes a theme with the partial
 * and express-hbs renders it; in Ghost the theme activates and published posts carry exactly that output, except
 * the one tagged {@code #no-share}, and the code-injection snippet reaches every page; then a Ghost post is read in
 * Chromium, where the bar renders and a click counts, the home page gets the snippet's bar, and with JavaScript off
 * the {@code /embed} frame shows the bar and counts too.
 */
@QuarkusTest
class GhostIntegrationTest extends PlatformTest {

    static final Path PACKAGE = Platform.INTEGRATIONS.resolve("ghost");

    @BeforeEach
    void ghostToolingIsInstalled() {
        requireNodePackage(PACKAGE, "gscan");
    }

    /** Where ensure-ghost.sh installed Ghost; skips the calling test when it did not. */
    static Path ghostHome() throws IOException {
        String version = new ObjectMapper().readTree(PACKAGE.resolve("ghost/package-lock.json").toFile())
                .path("version").asText();
        String configured = System.getenv("SHAREPULSE_GHOST_HOME");
        Path home = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "sharepulse", "ghost-" + version);
        assumeTrue(Files.exists(home.resolve(".sharepulse-installed")),
                "Ghost " + version + " is not installed in " + home + " (integrations/ghost/ensure-ghost.sh)");
        return home;
    }

    /** A site for Ghost's address (localhost), as a Ghost blogger would create it. */
    static String ghostSite(String stem) {
        return createSite(stem, NETWORKS, Map.of("domains", List.of("localhost")));
    }

    @Test
    void gscanPassesTheThemeAndThePartialRendersAgainstThisService() {
        String site = createSite("ghost", NETWORKS);
        Platform.Result node = Platform.run(PACKAGE, Duration.ofMinutes(3),
                Map.of("SHAREPULSE_URL", api(), "SHAREPULSE_SITE", site), "node", "--test", "test/partial.test.js");
        assertPassedEveryCase(node);
    }

    @Test
    void inARealGhostThePostsCarryThePartialExceptTheOptedOutOne() throws IOException {
        Path home = ghostHome();
        String site = ghostSite("ghost-real");
        Platform.Result node = Platform.run(PACKAGE, Duration.ofMinutes(6),
                Map.of("GHOST_HOME", home.toString(), "SHAREPULSE_URL", api(), "SHAREPULSE_SITE", site),
                "node", "--test", "test/ghost.test.js");
        assertPassedEveryCase(node);
    }

    @Test
    void aGhostPostShowsTheBarInChromiumAndClicksCountWithAndWithoutJavaScript() throws Exception {
        Path home = ghostHome();
        String site = ghostSite("ghost-click");
        int port = Platform.freePort();
        try (Platform.Server ghost = Platform.serve(PACKAGE, Map.of("GHOST_HOME", home.toString()), port,
                Duration.ofMinutes(4), "node", "support/ghost.js", String.valueOf(port), api(), site);
                Browser browser = Browser.open()) {
            JsonNode started = Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> startedLine(ghost), line -> line != null);
            String hello = started.path("posts").path("hello").asText();
            browser.get(hello);
            SearchContext bar = Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                    () -> browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot(),
                    root -> !root.findElements(By.cssSelector("a")).isEmpty());
            // The bar registered the post with the title Ghost gave it.
            String post = share(site, hello, "ignored").getString("post");
            assertThat(share(site, hello, "ignored").getString("title")).isEqualTo("Hello & \"welcome\" <Ghost>");
            assertThat(bar.findElements(By.cssSelector("a, button"))).extracting(a -> a.getAttribute("aria-label"))
                    .containsExactly("Share on Reddit", "Share on Bluesky", "Share on Email");
            WebElement reddit = bar.findElement(By.cssSelector("a.n-reddit"));
            assertThat(reddit.getAttribute("href")).isEqualTo(api() + "/s/" + post + "/reddit");
            assertThat(count(post, "reddit")).isZero();
            reddit.click();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(count(post, "reddit")).isOne());
            // Ghost's own scripts (Portal, search) come from a CDN this browser cannot reach; ours raise nothing.
            assertThat(browser.consoleErrors()).filteredOn(e -> e.contains(api())).isEmpty();

            // The home page has no partial: the code-injection snippet in the site footer draws its bar.
            browser.get(started.path("url").asText() + "/");
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                    () -> browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot(),
                    root -> !root.findElements(By.cssSelector("a.n-reddit")).isEmpty());

            browser.javaScript(false).get(hello);
            browser.driver().switchTo().frame(browser.driver().findElement(By.cssSelector("iframe")));
            List<WebElement> links = browser.driver().findElements(By.cssSelector("nav a"));
            assertThat(links).extracting(a -> a.getAttribute("aria-label"))
                    .containsExactly("Share on Reddit", "Share on Bluesky", "Share on Email");
            assertThat(links.get(2).getAttribute("href")).isEqualTo(api() + "/s/" + post + "/email");
            links.get(1).click();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(count(post, "bluesky")).isOne());
        }
    }

    /** The line support/ghost.js prints once Ghost is set up, or null while it is not. */
    static JsonNode startedLine(Platform.Server ghost) throws IOException {
        for (String line : ghost.output().split("\n")) {
            if (line.startsWith("{\"url\"")) {
                return new ObjectMapper().readTree(line);
            }
        }
        assertThat(ghost.process().isAlive()).as(ghost.output()).isTrue();
        return null;
    }

}
