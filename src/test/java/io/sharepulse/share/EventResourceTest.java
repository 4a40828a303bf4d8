package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The widget's beacons: Copy link and Share… uses, counted like network clicks. */
@QuarkusTest
class EventResourceTest {

    /** What navigator.sendBeacon(url, string) sends. */
    static final String BEACON_TYPE = "text/plain;charset=UTF-8";
    /** The page a beacon comes from: the site's own. */
    static final String BLOG_ORIGIN = "https://blog.example";

    static RequestSpecification beacon(String ip) {
        return given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip).header("Origin", BLOG_ORIGIN)
                .contentType(BEACON_TYPE);
    }

    @Test
    void aBeaconIsCountedLikeAClickOnceWithinTheDedupeWindow() {
        String site = createSite("events", List.of("reddit", "copy", "webshare"));
        String post = newPost(site);
        beacon("192.0.2.1").body("{\"network\":\"copy\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_NO_CONTENT)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", nullValue());
        beacon("192.0.2.1").body("{\"network\":\"copy\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
        beacon("192.0.2.2").body("{\"network\":\"webshare\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
        given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.3").header("Origin", BLOG_ORIGIN)
                .contentType("application/json")
                .body("{\"network\":\"copy\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_NO_CONTENT);
        assertThat(count(post, "copy")).isEqualTo(2);
        assertThat(count(post, "webshare")).isEqualTo(1);
    }

    @Test
    void botsAreNotCounted() {
        String site = createSite("eventbots", List.of("copy"));
        String post = newPost(site);
        given().header("User-Agent", GOOGLEBOT_UA).header("Origin", BLOG_ORIGIN).contentType(BEACON_TYPE).body("{\"network\":\"copy\"}")
                .post("/api/v1/posts/{post}/events", post).then().statusCode(HttpStatus.SC_NO_CONTENT);
        assertThat(count(post, "copy")).isZero();
    }

    @Test
    void malformedBodiesAreRefusedWithAProblemThatSaysWhy() {
        String site = createSite("eventbad", List.of("reddit", "copy"));
        String post = newPost(site);
        for (String body : List.of("", "copy", "[\"copy\"]", "{\"network\":1}", "{\"network\":\"\"}",
                "{\"network\":\"copy\",\"extra\":true}", "{}", "{\"network\":\"copy\"")) {
            beacon("192.0.2.9").body(body).post("/api/v1/posts/{post}/events", post)
                    .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                    .body("type", equalTo("urn:sharepulse:problem:invalid-event"))
                    .body(not(containsString("Exception")));
        }
        beacon("192.0.2.9").body("{\"network\":\"" + "c".repeat(300) + "\"}")
                .post("/api/v1/posts/{post}/events", post).then().statusCode(HttpStatus.SC_REQUEST_TOO_LONG).contentType(PROBLEM);
        // Network buttons count through their links, not through events.
        beacon("192.0.2.9").body("{\"network\":\"reddit\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY).contentType(PROBLEM).body("type", equalTo("urn:sharepulse:problem:not-an-action"));
        beacon("192.0.2.9").body("{\"network\":\"nosuch\"}").post("/api/v1/posts/{post}/events", post)
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        beacon("192.0.2.9").body("{\"network\":\"copy\"}").post("/api/v1/posts/{post}/events", site + ".0000000000000")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        beacon("192.0.2.9").contentType("application/x-www-form-urlencoded").body("network=copy")
                .post("/api/v1/posts/{post}/events", post).then().statusCode(HttpStatus.SC_UNSUPPORTED_MEDIA_TYPE)
                .contentType(PROBLEM);
        assertThat(count(post, "copy")).isZero();
    }
}
