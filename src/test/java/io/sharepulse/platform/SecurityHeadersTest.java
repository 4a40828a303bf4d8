package io.sharepulse.platform;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every HTML page we serve carries a strict CSP, no-sniff and a referrer policy; bodies have a size limit. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyHtmlPageHasItsSecurityHeaders() {
        String site = createSite("headers", List.of("reddit", "technorati", "mastodon"));
        String url = uniquePostUrl();
        String post = share(site, url, "T").getString("post");
        Map<String, Response> pages = new LinkedHashMap<>();
        pages.put("privacy", given().get("/privacy"));
        pages.put("dashboard", given().get("/admin"));
        pages.put("fediverse picker", given().queryParam("post", post).queryParam("network", "mastodon").get("/fediverse"));
        pages.put("qr code", given().queryParam("post", post).get("/qr"));
        pages.put("retired network", given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                .get("/s/{p}/technorati", post));
        pages.put("embed fragment", given().queryParam("url", url).get("/embed/{s}", site));
        pages.forEach((name, page) -> {
            assertThat(page.statusCode()).as(name).isEqualTo(HttpStatus.SC_OK);
            assertThat(page.contentType()).as(name).startsWith("text/html");
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).as(name + " CSP").contains("default-src 'none'").contains("base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(page.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).as(name).isEqualTo("no-referrer");
            assertThat(page.header("Set-Cookie")).as(name).isNull();
            if (name.equals("embed fragment")) {
                assertThat(csp).as("the fragment may be framed by blogs").doesNotContain("frame-ancestors");
            } else {
                assertThat(csp).as(name).contains("frame-ancestors 'none'");
            }
        });
    }

    @Test
    void apiAnswersAreNotSniffed() {
        given().get("/api/v1/networks").then().header("X-Content-Type-Options", "nosniff");
        given().get("/api/v1/nothing").then().statusCode(HttpStatus.SC_NOT_FOUND).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void staticFilesAreNotSniffedEither() {
        // Served by the HTTP layer's static handler, not through JAX-RS: the dashboard's own files and uPlot.
        for (String path : List.of("/admin/assets/dashboard.js", "/admin/assets/dashboard.css",
                "/admin/assets/favicon.svg", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                "/webjars/uplot/1.6.30/dist/uPlot.min.css")) {
            given().get(path).then().statusCode(HttpStatus.SC_OK).header("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void anOversizedBodyIsRefusedWithAProblemBeforeItIsRead() {
        String big = "{\"name\":\"" + "a".repeat(100_000) + "\"}";
        admin().body(big).post("/admin/v1/sites").then().statusCode(HttpStatus.SC_REQUEST_TOO_LONG)
                .contentType(PROBLEM).body("status", equalTo(413))
                .body("detail", containsString("64 KB"));
        given().contentType("text/plain").body(big).post("/api/v1/posts/{p}/events", "x.0123456789abc")
                .then().statusCode(HttpStatus.SC_REQUEST_TOO_LONG).contentType(PROBLEM);
    }
}
