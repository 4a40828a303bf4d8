package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.Browser;
import io.sharepulse.DevLike;
import io.sharepulse.site.DemoSiteSeeder;

/**
 * What a newcomer sees at {@code /demo}: the 2008 post with its bar alive, the widget loaded from the other of
 * localhost / 127.0.0.1. Leaves light and dark screenshots in {@code target/screenshots/} (the README's pictures
 * in {@code docs/} are copies of them).
 */
@QuarkusTest
@TestProfile(DevLike.class)
class DemoPageTest {

    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/demo")
    URL demo;

    @Test
    void theDemoPostShowsThe2008BarAndTodaysFromAnotherOrigin() throws Exception {
        String page = demo.toString();
        assertThat(page).startsWith("http://localhost:");
        String widgetOrigin = "http://127.0.0.1:" + demo.getPort();
        given().get(demo).then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src " + widgetOrigin + ";"))
                .header("Content-Security-Policy", containsString("connect-src " + widgetOrigin + ";"));

        try (Browser browser = Browser.open()) {
            for (String scheme : List.of("light", "dark")) {
                browser.colorScheme(scheme).get(page);
                List<Map<String, Object>> old = BarProbe.buttons(browser, 0);
                List<Map<String, Object>> today = BarProbe.buttons(browser, 1);
                assertThat(old).extracting(b -> b.get("network")).containsExactlyElementsOf(DemoSiteSeeder.BAR_2008);
                assertThat(today).extracting(b -> b.get("network"))
                        .containsAll(DemoSiteSeeder.MODERN.stream().filter(n -> !n.equals("webshare")).toList());
                assertThat(old).allSatisfy(b -> assertThat((String) b.get("href"))
                        .startsWith(widgetOrigin + "/s/" + DemoSiteSeeder.DEMO_SITE + "."));
                assertThat(browser.driver().getTitle())
                        .isEqualTo("Neural Networks: Makes it hard to get out of that rut");

                Number height = (Number) browser.js("return document.documentElement.scrollHeight");
                browser.driver().manage().window().setSize(new Dimension(1280, height.intValue() + 140));
                browser.screenshot(SHOTS.resolve("demo-" + scheme + ".png"));
                browser.driver().manage().window().setSize(new Dimension(1280, 900));
            }
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
            assertThat(browser.requestedUrls()).filteredOn(u -> u.startsWith("http")).allSatisfy(u -> assertThat(u)
                    .satisfiesAnyOf(v -> assertThat(v).startsWith(page.replace("/demo", "/")),
                            v -> assertThat(v).startsWith(widgetOrigin + "/")));
            assertThat(browser.requestedUrls()).contains(widgetOrigin + "/widget.js");
        }
    }
}
