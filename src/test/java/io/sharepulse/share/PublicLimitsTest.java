package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The public paths that write are limited per client and site: 60 new pages and 60 events a minute. */
@QuarkusTest
class PublicLimitsTest {

    static Response register(String site, String url, String ip) {
        return given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip).queryParam("url", url)
                .get("/api/v1/sites/{s}/share", site);
    }

    @Test
    void aClientRegisteringPagesWithoutEndIsStoppedOthersAreNot() {
        String site = createSite("flood", List.of("reddit"));
        String known = uniquePostUrl();
        register(site, known, "198.51.100.66").then().statusCode(HttpStatus.SC_OK);
        for (int i = 1; i < 60; i++) {
            register(site, uniquePostUrl(), "198.51.100.66").then().statusCode(HttpStatus.SC_OK);
        }
        register(site, uniquePostUrl(), "198.51.100.66").then()
                .statusCode(HttpStatus.SC_TOO_MANY_REQUESTS).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429)).body("detail", containsString("60 new pages"));
        // Reading a page that exists writes nothing and is not limited; another reader is not affected.
        register(site, known, "198.51.100.66").then().statusCode(HttpStatus.SC_OK);
        register(site, uniquePostUrl(), "198.51.100.67").then().statusCode(HttpStatus.SC_OK);
        // The no-JS fragment registers pages too and shares the limit.
        given().header("X-Forwarded-For", "198.51.100.66").queryParam("url", uniquePostUrl())
                .get("/embed/{s}", site).then().statusCode(HttpStatus.SC_TOO_MANY_REQUESTS);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        String site = createSite("flood-v6", List.of("reddit"));
        // One subscriber line owns the whole /64: a fresh address per request is still one client.
        for (int i = 1; i <= 60; i++) {
            register(site, uniquePostUrl(), "2001:db8:77:1:" + Integer.toHexString(i) + "::" + i)
                    .then().statusCode(HttpStatus.SC_OK);
        }
        register(site, uniquePostUrl(), "2001:db8:77:1:ffff:ffff:ffff:fffe").then()
                .statusCode(HttpStatus.SC_TOO_MANY_REQUESTS).contentType(PROBLEM);
        register(site, uniquePostUrl(), "[2001:db8:77:1::99]:4711").then().statusCode(HttpStatus.SC_TOO_MANY_REQUESTS);
        // The next /64 is another client, and an IPv4 reader too.
        register(site, uniquePostUrl(), "2001:db8:77:2::1").then().statusCode(HttpStatus.SC_OK);
        register(site, uniquePostUrl(), "198.51.100.68").then().statusCode(HttpStatus.SC_OK);
    }

    @Test
    void theProxysOwnHeaderLineNamesTheClient() {
        String site = createSite("flood-lines", List.of("reddit"));
        // The client writes a fresh X-Forwarded-For line each time; the proxy adds its own line with the real address.
        for (int i = 1; i <= 60; i++) {
            given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "203.0.113." + i)
                    .header("X-Forwarded-For", "198.51.100.69").queryParam("url", uniquePostUrl())
                    .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK);
        }
        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "203.0.113.250")
                .header("X-Forwarded-For", "198.51.100.69").queryParam("url", uniquePostUrl())
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_TOO_MANY_REQUESTS);
    }

    @Test
    void aClientFloodingEventsIsStopped() {
        String site = createSite("events", List.of("reddit", "copy"));
        String post = newPost(site);
        for (int i = 0; i < 60; i++) {
            given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "198.51.100.70")
                    .header("Origin", "https://blog.example")
                    .contentType("text/plain").body("{\"network\":\"copy\"}")
                    .post("/api/v1/posts/{p}/events", post).then().statusCode(HttpStatus.SC_NO_CONTENT);
        }
        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "198.51.100.70")
                    .header("Origin", "https://blog.example")
                .contentType("text/plain").body("{\"network\":\"copy\"}")
                .post("/api/v1/posts/{p}/events", post).then()
                .statusCode(HttpStatus.SC_TOO_MANY_REQUESTS).contentType(PROBLEM).header("Retry-After",
                        notNullValue());
        given().get("/api/v1/posts/{p}/counts", post).then().body("networks.copy", equalTo(1)); // deduped anyway
    }
}
