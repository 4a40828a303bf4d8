package io.sharepulse.integrations;

import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.sharepulse.Browser;
import io.sharepulse.OtherOrigin;

/** What the blog-platform tests share: the test blog's bar and post, the host its pages come from, our address. */
abstract class PlatformTest {

    /**
     * Test pages are served from 127.0.0.1 (OtherOrigin): the site owns that host as well as the pages' URLs', as a
     * real blog's pages are on its own domain, so the browser's requests come from one of the site's pages.
     */
    static final Map<String, Object> OWN_PAGES = Map.of("domains", List.of("blog.example", "127.0.0.1"));

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "email");
    static final String POST = "https://blog.example/posts/hello/";

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

    /** This service, as the platform and the browser reach it. */
    String api() {
        return base.toString().replaceAll("/$", "");
    }
}
