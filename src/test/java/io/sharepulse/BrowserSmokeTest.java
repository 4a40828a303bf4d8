package io.sharepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The browser harness itself: Chromium starts, loads our pages, and reports what a page requested. */
@QuarkusTest
class BrowserSmokeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPageFromAnotherOriginReadsOurApiUnderAStrictCsp() {
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            String api = base.toString().replaceAll("/$", "");
            String page = other.serve("/page.html", "<!DOCTYPE html><title>t</title><p id=x>waiting</p>",
                    Map.of("Content-Security-Policy", "default-src 'none'; connect-src " + api));
            browser.get(page);
            Object status = browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0] + '/api/v1/networks').then(r => done(r.status), e => done(String(e)));",
                    api);
            assertThat(status).isEqualTo(200L);
            assertThat(browser.requestedUrls()).contains(page, api + "/api/v1/networks");
            assertThat(browser.allCookies()).isEmpty();
        }
    }
}
