package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Counts cannot be inflated for free (security review, medium 4): only navigations count, beacons only from the
 * site's own pages, networks only from the site's bar, one client (an address, an IPv6 /64) at most
 * {@code clicks-per-client} (10) times per post and network an hour whatever its User-Agent or DNT, and a new
 * User-Agent is not a new visitor. What was refused is shown in the analytics by reason; every refused click still
 * redirects.
 */
@QuarkusTest
class InflationTest {

    static final String CHROME_120 = BROWSER_UA;
    static final String CHROME_121 = BROWSER_UA.replace("Chrome/", "Chrome/1").replace("Safari/537.36",
            "Safari/537.36 Build/42");

    static RequestSpecification reader(String ip) {
        return given().redirects().follow(false).header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip);
    }

    static Map<String, Integer> refused(String site) {
        return admin().get("/admin/v1/sites/{s}/networks", site).then().statusCode(HttpStatus.SC_OK)
                .extract().path("refused");
    }

    @Test
    void aShareLinkLoadedAsAnImageOrByFetchRedirectsButDoesNotCount() {
        String site = createSite("img-click", List.of("reddit"));
        String post = newPost(site);
        // <img src="/s/…"> on any page: the browser says it is an image.
        reader("192.0.2.101").header("Sec-Fetch-Dest", "image").header("Sec-Fetch-Mode", "no-cors")
                .header("Sec-Fetch-Site", "cross-site").get("/s/{p}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY)
                .header("Location", startsWith("https://www.reddit.com/submit"));
        // fetch() of the link: mode cors (or no-cors), destination empty.
        reader("192.0.2.102").header("Sec-Fetch-Dest", "empty").header("Sec-Fetch-Mode", "no-cors")
                .get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        reader("192.0.2.103").header("Sec-Fetch-Mode", "cors").get("/s/{p}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "reddit")).isZero();
        assertThat(refused(site)).containsEntry("not-navigation", 3);

        // A reader's click (a navigation) counts; so does one from a browser without Fetch Metadata.
        reader("192.0.2.104").header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Site", "cross-site").get("/s/{p}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        reader("192.0.2.105").get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "reddit")).isEqualTo(2);
    }

    @Test
    void aNetworkNotOnTheSitesBarRedirectsButDoesNotCount() {
        String site = createSite("not-offered", List.of("reddit"));
        String post = newPost(site);
        reader("192.0.2.111").get("/s/{p}/x", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY)
                .header("Location", startsWith("https://x.com/"));
        reader("192.0.2.112").get("/s/{p}/facebook", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "x")).isZero();
        assertThat(count(post, "facebook")).isZero();
        assertThat(refused(site)).containsEntry("network-not-offered", 2);
        // An unknown network is still a 404 problem.
        reader("192.0.2.113").get("/s/{p}/nosuch", post).then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
    }

    @Test
    void aBeaconCountsOnlyFromAPageOfTheSite() {
        String site = createSite("beacon-origin", List.of("reddit", "copy"));
        String post = newPost(site);
        for (String origin : new String[] { "https://evil.example", "https://blog.example.evil.example", "null" }) {
            given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.121").header("Origin", origin)
                    .contentType("text/plain;charset=UTF-8").body("{\"network\":\"copy\"}")
                    .post("/api/v1/posts/{p}/events", post).then().statusCode(HttpStatus.SC_FORBIDDEN)
                    .contentType(PROBLEM).body("type", equalTo("urn:sharepulse:problem:event-origin-refused"));
        }
        // Without any Origin (a script, not a page's beacon).
        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.122")
                .contentType("text/plain;charset=UTF-8").body("{\"network\":\"copy\"}")
                .post("/api/v1/posts/{p}/events", post).then().statusCode(HttpStatus.SC_FORBIDDEN);
        assertThat(count(post, "copy")).isZero();
        assertThat(refused(site)).containsEntry("foreign-origin", 4);

        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.123")
                .header("Origin", "https://blog.example").contentType("text/plain;charset=UTF-8")
                .body("{\"network\":\"copy\"}").post("/api/v1/posts/{p}/events", post)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
        assertThat(count(post, "copy")).isEqualTo(1);
    }

    @Test
    void oneClientIsCappedPerPostAndNetworkWhateverItsUserAgent() {
        String site = createSite("capped", List.of("reddit", "x"), Map.of("dedupeMinutes", 0));
        String post = newPost(site);
        for (int i = 0; i < 15; i++) {
            given().redirects().follow(false).header("User-Agent", BROWSER_UA + " r" + i)
                    .header("X-Forwarded-For", "192.0.2.131").get("/s/{p}/reddit", post)
                    .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        assertThat(count(post, "reddit")).isEqualTo(10);
        assertThat(refused(site)).containsEntry("client-cap", 5);
        // Another network of the post, and another client, have caps of their own.
        reader("192.0.2.131").get("/s/{p}/x", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        reader("192.0.2.132").get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "x")).isEqualTo(1);
        assertThat(count(post, "reddit")).isEqualTo(11);
    }

    @Test
    void readersAskingNotToBeTrackedAreCappedToo() {
        String site = createSite("capped-dnt", List.of("reddit"));
        String post = newPost(site);
        for (int i = 0; i < 14; i++) {
            reader("192.0.2.141").header("DNT", "1").get("/s/{p}/reddit", post)
                    .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        assertThat(count(post, "reddit")).isEqualTo(10);
        assertThat(refused(site)).containsEntry("client-cap", 4);
    }

    @Test
    void anIpv6ClientIsOneClientAcrossItsSlash64() {
        String site = createSite("capped-v6", List.of("reddit"), Map.of("dedupeMinutes", 0));
        String post = newPost(site);
        for (int i = 0; i < 12; i++) {
            reader("2001:db8:1:2:" + Integer.toHexString(i + 1) + "::7").get("/s/{p}/reddit", post)
                    .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        assertThat(count(post, "reddit")).isEqualTo(10);
    }

    @Test
    void aNewUserAgentIsNotANewVisitor() {
        String site = createSite("ua-steer", List.of("reddit"));
        String post = newPost(site);
        for (String ua : List.of(CHROME_120, CHROME_121, CHROME_120 + " (made up)")) {
            given().redirects().follow(false).header("User-Agent", ua).header("X-Forwarded-For", "192.0.2.151")
                    .get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        // Another address in the same IPv6 /64 is the same visitor too.
        reader("2001:db8:5:6::1").get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        reader("2001:db8:5:6::2").get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "reddit")).isEqualTo(2);
        // Another browser on another platform behind the same address is another reader.
        given().redirects().follow(false).header("X-Forwarded-For", "192.0.2.151")
                .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
                .get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "reddit")).isEqualTo(3);
    }
}
