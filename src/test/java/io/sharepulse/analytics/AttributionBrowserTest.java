package io.sharepulse.analytics;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.OtherOrigin.strictCsp;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.Browser;
import io.sharepulse.OtherOrigin;

/**
 * The closed loop in Chromium: a reader shares a post on Reddit from the bar, another comes back through the link
 * Reddit got, the tag leaves the address bar, and the dashboard shows one share and one visit for Reddit. A page
 * without a bar does the same with {@code /a.js}.
 */
@QuarkusTest
class AttributionBrowserTest {

    @TestHTTPResource("/")
    URL base;

    String api() {
        return base.toString().replaceAll("/$", "");
    }

    static String page(String canonical, String title, String script) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<link rel=\"canonical\" href=\"" + canonical + "\"></head><body><h1>" + title + "</h1>"
                + "<p>Some words.</p>" + script + "</body></html>";
    }

    /** The page URL Reddit was handed: the url parameter of the submit link. */
    static String handedToReddit(String location) {
        String query = URI.create(location).getRawQuery();
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith("url=")).findFirst()
                .map(p -> URLDecoder.decode(p.substring(4), StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void aReaderBackFromRedditIsCountedAndTheTagLeavesTheAddressBar() throws Exception {
        try (OtherOrigin blog = new OtherOrigin(); Browser browser = Browser.open()) {
            String site = createSite("loop", List.of("reddit", "bluesky"), Map.of("domains", List.of("127.0.0.1")));
            String url = blog.origin() + "/post.html";
            String bar = "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>";
            blog.serve("/post.html", page(url, "Loop", bar), Map.of("Content-Security-Policy", strictCsp(api())));
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
            WebElement reddit = wait.until(d -> {
                var root = d.findElement(By.cssSelector("share-bar")).getShadowRoot();
                var links = root.findElements(By.cssSelector("a.n-reddit"));
                return links.isEmpty() ? null : links.get(0);
            });
            String window = browser.driver().getWindowHandle();
            reddit.click();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.driver().getWindowHandles().size() == 2);
            String tab = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(window)).findFirst()
                    .orElseThrow();
            browser.driver().switchTo().window(tab);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl()
                    .startsWith("https://www.reddit.com/submit"));
            String tagged = handedToReddit(browser.driver().getCurrentUrl());
            assertThat(tagged).isEqualTo(url + "?sp=reddit");
            browser.driver().close();
            browser.driver().switchTo().window(window);

            // Somebody on Reddit follows the link.
            browser.get(tagged);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(browser.driver().getCurrentUrl()).isEqualTo(url));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath doc = admin().get("/admin/v1/sites/{site}/attribution", site).then().statusCode(200)
                        .extract().jsonPath();
                assertThat(doc.getList("networks.summary")).containsExactly("Reddit: 1 share, 1 visit, 1.0 visits per share");
            });
            assertThat(browser.requestedUrls()).filteredOn(u -> u.contains("/arrivals")).hasSize(1);
            // A reload has no tag left to report.
            browser.driver().navigate().refresh();
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(url);

            // The dashboard says the same.
            browser.get(api() + "/admin");
            browser.driver().findElement(By.id("key")).sendKeys(createKey(site, "read"));
            browser.driver().findElement(By.cssSelector("#auth button[type=submit]")).click();
            wait.until(d -> !Objects.toString(d.findElement(By.tagName("body")).getDomAttribute("data-loaded"), "")
                    .isEmpty());
            assertThat(browser.driver().findElement(By.id("total-shares")).getText()).isEqualTo("1");
            assertThat(browser.driver().findElement(By.id("total-arrivals")).getText()).isEqualTo("1");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#attribution tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText)
                    .containsExactly("Reddit", "1", "1", "1.0");
            assertThat(browser.driver().findElements(By.cssSelector("#attr-chart canvas"))).isNotEmpty();
            browser.screenshot(Path.of("target", "screenshots", "dashboard-attribution.png"));
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
        }
    }

    @Test
    void aPageWithoutABarReportsItsArrivalsWithTheSmallTag() {
        try (OtherOrigin blog = new OtherOrigin(); Browser browser = Browser.open()) {
            String site = createSite("loopa", List.of("reddit"), Map.of("domains", List.of("127.0.0.1")));
            String url = blog.origin() + "/plain.html";
            share(site, url, "Plain"); // shared from elsewhere before
            blog.serve("/plain.html", page(url, "Plain", "<script src=\"" + api() + "/a.js\" data-site=\"" + site
                    + "\" async></script>"), Map.of("Content-Security-Policy", strictCsp(api())));
            browser.get(url + "?sp=reddit&ref=feed#comments");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    browser.driver().getCurrentUrl()).isEqualTo(url + "?ref=feed#comments"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin()
                    .get("/admin/v1/sites/{site}/attribution", site).then().extract().jsonPath()
                    .getLong("current.arrivals")).isEqualTo(1));
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
        }
    }
}
