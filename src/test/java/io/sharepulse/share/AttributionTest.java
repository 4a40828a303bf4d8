package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BLOG_DOMAIN;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.sharepulse.Fixtures;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.post.PostId;

/** The attribution tag on the links we hand to networks, and the arrivals it lets the widget report. */
@QuarkusTest
public class AttributionTest {

    /** What navigator.sendBeacon(url, string) sends. */
    static final String BEACON_TYPE = "text/plain;charset=UTF-8";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    /** A beacon as a page of the test blog sends it (its Origin). */
    public static RequestSpecification beacon(String ip) {
        return given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip).contentType(BEACON_TYPE)
                .header("Origin", "https://" + BLOG_DOMAIN);
    }

    /** Reports an arrival at {@code url} from {@code network} as a reader at {@code ip}; expects 204. */
    public static void arrive(String site, String url, String network, String ip) {
        beacon(ip).body(body(url, network)).post("/api/v1/sites/{site}/arrivals", site)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
    }

    /** The beacon's body, as widget.js writes it. */
    public static String body(String url, String network) {
        return "{\"url\":\"" + url + "\",\"network\":\"" + network + "\"}";
    }

    long arrivals(String post, String network) {
        PostId id = PostId.parse(post).orElseThrow();
        String value = redis.hash(String.class).hget(keys.arrivalsPostDay(id.site(), id.hash(),
                LocalDate.now(ZoneOffset.UTC)), network);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Test
    void theLinkHandedToTheNetworkNamesTheNetworkAndNothingElse() {
        String site = createSite("tag", List.of("reddit", "bluesky"));
        String url = uniquePostUrl();
        String post = share(site, url, "Tagged").getString("post");
        String encoded = url.replace(":", "%3A").replace("/", "%2F");
        assertThat(click(post, "reddit", "192.0.2.1"))
                .isEqualTo("https://www.reddit.com/submit?url=" + encoded + "%3Fsp%3Dreddit&title=Tagged");
        assertThat(click(post, "bluesky", "192.0.2.1")).contains(encoded + "%3Fsp%3Dbluesky");
        admin().get("/admin/v1/sites/{id}", site).then().body("tagLinks", equalTo(true));
    }

    @Test
    void aSiteThatTurnsTheTagOffGetsUntaggedLinksAndNoArrivals() {
        String site = createSite("untagged", List.of("reddit"), Map.of("tagLinks", false));
        String url = uniquePostUrl();
        String post = share(site, url, "Plain").getString("post");
        admin().get("/admin/v1/sites/{id}", site).then().body("tagLinks", equalTo(false));
        assertThat(click(post, "reddit", "192.0.2.2"))
                .isEqualTo("https://www.reddit.com/submit?url=" + url.replace(":", "%3A").replace("/", "%2F")
                        + "&title=Plain");
        arrive(site, url, "reddit", "192.0.2.2");
        assertThat(arrivals(post, "reddit")).isZero();
    }

    @Test
    void theTagIsNeverPartOfThePostsUrl() {
        for (Map<String, Object> options : List.of(Map.<String, Object>of(), Map.<String, Object>of("queryParams",
                List.of("*")), Map.<String, Object>of("queryParams", List.of("p", "sp")))) {
            String site = createSite("strip", List.of("reddit"), options);
            String url = uniquePostUrl();
            var plain = share(site, url, "T");
            var tagged = share(site, url + "?sp=reddit", "T");
            assertThat(tagged.getString("post")).isEqualTo(plain.getString("post"));
            assertThat(tagged.getString("url")).isEqualTo(url);
            // A tagged page whose share is re-shared is tagged once, with the new network.
            String post = tagged.getString("post");
            assertThat(click(post, "reddit", "192.0.2.3")).doesNotContain("sp%3Dreddit%26").contains("%3Fsp%3Dreddit&");
        }
    }

    @Test
    void anArrivalCountsOncePerVisitorAndNeverForBotsOrPrefetches() {
        String site = createSite("arrive", List.of("reddit", "bluesky"));
        String url = uniquePostUrl();
        String post = share(site, url, "Back").getString("post");
        click(post, "reddit", "192.0.2.10");

        arrive(site, url, "reddit", "192.0.2.11");
        arrive(site, url + "?sp=reddit", "reddit", "192.0.2.11"); // the same reader reloading: once
        arrive(site, url, "reddit", "192.0.2.12");
        arrive(site, url, "bluesky", "192.0.2.12");
        given().header("User-Agent", GOOGLEBOT_UA).contentType(BEACON_TYPE)
                .body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
        beacon("192.0.2.13").header("Sec-Purpose", "prefetch").body(body(url, "reddit"))
                .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_NO_CONTENT);
        arrive(site, url, "x", "192.0.2.15"); // a network the bar does not offer: its links are not ours
        // A script on another site's page, or one without a page, cannot count visits for this one.
        for (String origin : List.of("https://elsewhere.example", "null")) {
            given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.16").contentType(BEACON_TYPE)
                    .header("Origin", origin).body(body(url, "reddit"))
                    .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_FORBIDDEN)
                    .contentType(PROBLEM).body("type", equalTo("urn:sharepulse:problem:arrival-origin-refused"));
        }
        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.17").contentType(BEACON_TYPE)
                .body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                .then().statusCode(HttpStatus.SC_FORBIDDEN).contentType(PROBLEM);
        assertThat(arrivals(post, "reddit")).isEqualTo(2);
        assertThat(arrivals(post, "bluesky")).isEqualTo(1);
        assertThat(arrivals(post, "x")).isZero();

        // A page nobody shared has no post in Redis: nothing is written for it.
        String never = uniquePostUrl();
        arrive(site, never, "reddit", "192.0.2.14");
        assertThat(arrivals(PostId.derive(site, never).value(), "reddit")).isZero();
    }

    @Test
    void badReportsAreRefusedWithAProblemThatSaysWhy() {
        String site = createSite("arrivebad", List.of("reddit", "copy"));
        String url = uniquePostUrl();
        share(site, url, "T");
        for (String body : List.of("", "reddit", "[]", "{\"url\":1,\"network\":\"reddit\"}", "{\"network\":\"reddit\"}",
                "{\"url\":\"" + url + "\",\"network\":\"reddit\",\"ip\":\"1.2.3.4\"}", "{\"url\":\"x\"")) {
            beacon("192.0.2.20").body(body).post("/api/v1/sites/{site}/arrivals", site)
                    .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                    .body("type", equalTo("urn:sharepulse:problem:invalid-arrival"))
                    .body(not(containsString("Exception")));
        }
        beacon("192.0.2.20").body(body("javascript:alert(1)", "reddit"))
                .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_BAD_REQUEST)
                .contentType(PROBLEM);
        beacon("192.0.2.20").body(body("https://elsewhere.example/p", "reddit"))
                .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY)
                .contentType(PROBLEM);
        for (String network : List.of("nosuch", "copy")) {
            beacon("192.0.2.20").body(body(url, network))
                    .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_NOT_FOUND)
                    .contentType(PROBLEM);
        }
        beacon("192.0.2.20").body(body(url, "reddit"))
                .post("/api/v1/sites/{site}/arrivals", "no-such-site").then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
        beacon("192.0.2.20").body("{\"url\":\"" + "u".repeat(3000) + "\",\"network\":\"reddit\"}")
                .post("/api/v1/sites/{site}/arrivals", site).then().statusCode(HttpStatus.SC_REQUEST_TOO_LONG)
                .contentType(PROBLEM);
    }

    @Test
    void oneClientCannotFloodArrivals() {
        String site = createSite("arriveflood", List.of("reddit"));
        String url = uniquePostUrl();
        share(site, url, "T");
        int limit = 60; // sharepulse.limits.events-per-minute
        for (int i = 0; i < limit; i++) {
            arrive(site, url, "reddit", "192.0.2.30");
        }
        beacon("192.0.2.30").body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                .then().statusCode(429).contentType(PROBLEM).header("Retry-After", not(equalTo(null)));
        arrive(site, url, "reddit", "192.0.2.31"); // another reader is not held up
        assertThat(Fixtures.BLOG_DOMAIN).isNotEmpty();
    }
}
