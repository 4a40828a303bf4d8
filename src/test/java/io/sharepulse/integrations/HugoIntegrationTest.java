package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @BeforeEach
    void hugoIsInstalled() {
        Platform.require("hugo");
    }

    @Test
    void scriptModeGivesEachPostOneBarAndOptedOutPagesNone(@TempDir Path out) throws IOException {
        String site = createSite("hugo", NETWORKS, OWN_PAGES);
        Built built = build("script mode", api(), site, "script", out);
        assertScriptModePosts(built, site, "Hello &amp; &#34;welcome&#34;");

        // Readers without JavaScript get the bar in a frame, at an address the service answers with real links.
        String framed = frame(built.page("posts/hello"));
        String post = share(site, POST, "ignored").getString("post");
        assertThat(framed).contains("/s/" + post + "/reddit\"");
        assertThat(built.page("about")).containsOnlyOnce("<share-bar ")
                .contains("data-url=\"https://blog.example/about/\" data-title=\"About this blog\" "
                        + "data-networks=\"reddit,email\"></share-bar>");
    }

    @Test
    void fragmentModeWritesTheServicesLinksAtBuildTime(@TempDir Path out) throws IOException {
        String site = createSite("hugo-fragment", NETWORKS, OWN_PAGES);
        Built built = build("fragment mode", api(), site, "fragment", out);
        assertFragmentModePosts(built, site);
        assertThat(links(built.page("about"))).hasSize(2).allMatch(href -> href.startsWith(api() + "/s/" + site + "."))
                .anyMatch(href -> href.endsWith("/reddit")).anyMatch(href -> href.endsWith("/email"));
    }

    @Test
    void withTheServiceDownTheBuildSucceedsWithTheScriptTag(@TempDir Path out) throws IOException {
        String site = createSite("hugo-down", NETWORKS, OWN_PAGES);
        String down = "http://127.0.0.1:" + Platform.freePort();
        Built built = build("fragment mode, service down", down, site, "fragment", out);
        assertFellBack(built, down, site);
        assertThat(built.output()).contains(down + " did not give the bar (connection refused)");
    }

    @Test
    void aBuiltPostShowsTheBarInChromiumAndAClickOnItCounts(@TempDir Path out) throws IOException {
        String site = createSite("hugo-click", NETWORKS, OWN_PAGES);
        String html = build("script mode, for Chromium", api(), site, "script", out).page("posts/hello");

        aReaderClicksRedditAndItCounts(site, html);
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
        return build("HugoIntegrationTest", what, EXAMPLE, out.resolve("public"), List.of("ERROR"), "hugo",
                "--noBuildLock", "--config", EXAMPLE.resolve("hugo.toml") + "," + config,
                "--cacheDir", out.resolve("cache").toString(), "--destination", out.resolve("public").toString());
    }
}
