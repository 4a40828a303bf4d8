package io.sharepulse.analytics;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Browser;

/** The dashboard in headless Chromium: a read key opens it, it renders the site's numbers, a range change redraws. */
@QuarkusTest
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL base;

    MutableClock clock;

    @BeforeEach
    void clock() {
        clock = MutableClock.installNow();
    }

    @Test
    void thePageIsServedUnderAStrictCsp() {
        given().get("/admin").then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .body(not(containsString("<script>"))).body(not(containsString("style=")));
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(HttpStatus.SC_OK);
    }

    @Test
    void aKeyOpensTheDashboardWhichShowsTheSiteAndFollowsTheRange() throws Exception {
        LocalDate past = LocalDate.now(ZoneOffset.UTC).minusDays(12);
        clock.set(past.atTime(12, 0).toInstant(ZoneOffset.UTC));
        String site = createSite("dash", List.of("reddit", "bluesky"));
        String older = share(site, "https://blog.example/older", "An older <b>post</b>").getString("post");
        String newer = share(site, "https://blog.example/newer", "A newer post").getString("post");
        click(older, "reddit", "198.51.100.60");
        click(older, "bluesky", "198.51.100.61");
        clock.set(Instant.now());
        click(newer, "bluesky", "198.51.100.62");
        click(newer, "x", "198.51.100.63"); // not on the bar: sent on, not counted, shown as refused
        String key = createKey(site, "read");

        String origin = base.toString().replaceAll("/$", "");
        try (Browser browser = Browser.open()) {
            browser.get(origin + "/admin");
            browser.driver().findElement(By.id("key")).sendKeys(key);
            browser.driver().findElement(By.cssSelector("#auth button[type=submit]")).click();
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
            wait.until(d -> !loaded(browser).isEmpty());

            assertThat(text(browser, "total-clicks")).isEqualTo("3");
            assertThat(text(browser, "who")).contains(site).contains("read");
            assertThat(browser.driver().findElement(By.id("auth")).isDisplayed()).isFalse();
            List<WebElement> posts = browser.driver().findElements(By.cssSelector("#posts tbody tr"));
            assertThat(posts).hasSize(2);
            assertThat(posts.get(0).getText()).contains("An older <b>post</b>").contains("2");
            assertThat(browser.driver().findElements(By.cssSelector("#networks tbody tr"))).hasSize(2);
            List<WebElement> refused = browser.driver().findElements(By.cssSelector("#refused tbody tr"));
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).getText()).contains("Network not on the bar").contains("1");
            assertThat(browser.driver().findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
            browser.screenshot(Path.of("target", "screenshots", "dashboard.png"));

            String before = loaded(browser);
            browser.driver().findElement(By.cssSelector("button[data-days='7']")).click();
            wait.until(d -> !loaded(browser).equals(before));
            assertThat(text(browser, "total-clicks")).isEqualTo("1");
            assertThat(browser.driver().findElements(By.cssSelector("#posts tbody tr"))).hasSize(1);

            browser.driver().findElement(By.id("csv")).click();
            Thread.sleep(500);
            assertThat(browser.consoleErrors()).isEmpty();
            // Nothing but this origin (the browser's own chrome:// pages aside).
            assertThat(browser.requestedUrls()).filteredOn(u -> u.startsWith("http"))
                    .allSatisfy(u -> assertThat(u).startsWith(origin + "/"));
            assertThat(browser.allCookies()).isEmpty();
        }
    }

    /** The range the page last finished loading ("" before the first). */
    private static String loaded(Browser browser) {
        return Objects.toString(
                browser.driver().findElement(By.tagName("body")).getDomAttribute("data-loaded"), "");
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }
}
