package io.sharepulse.counts;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CountsResourceTest {

    @Test
    void perNetworkAndTotal() {
        String site = createSite("counts", List.of("reddit", "x", "email"));
        String post = newPost(site);
        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .body("post", equalTo(post)).body("total", equalTo(0)).body("networks", anEmptyMap());
        click(post, "reddit", "198.51.100.20");
        click(post, "x", "198.51.100.20");
        click(post, "x", "198.51.100.21");
        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=15")
                .body("total", equalTo(3)).body("networks.reddit", equalTo(1)).body("networks.x", equalTo(2));
    }

    @Test
    void aSiteCanHideCountsBelowAMinimum() {
        String site = createSite("hidden", List.of("reddit"), Map.of("minCount", 10));
        String post = newPost(site);
        click(post, "reddit", "198.51.100.30");
        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .body("total", nullValue()).body("networks", anEmptyMap());
    }

    @Test
    void anUnknownPostIs404() {
        given().get("/api/v1/posts/{post}/counts", "nosite.0123456789abc")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        given().get("/api/v1/posts/{post}/counts", "garbage")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
    }
}
