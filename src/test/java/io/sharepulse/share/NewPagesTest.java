package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;

/**
 * Who may register a page, and how long a page nobody shares stays: a third-party page's {@code <img>},
 * {@code <script>} or no-cors request cannot register posts (so it cannot make its readers' browsers flood a
 * site), HEAD requests register nothing, and a post nobody clicked expires from Redis unless it is clicked.
 */
@QuarkusTest
class NewPagesTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    PostRepository posts;

    /** What Chromium sends for {@code <img src="…">} on another site's page. */
    static RequestSpecification fromAnImage() {
        return given().header("User-Agent", BROWSER_UA).header("Sec-Fetch-Dest", "image")
                .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Site", "cross-site");
    }

    boolean stored(String site, String url) {
        PostId id = PostId.derive(site, url);
        return redis.key().exists(keys.post(site, id.hash())) || posts.findLive(id).isPresent();
    }

    @Test
    void imagesScriptsAndNoCorsRequestsDoNotRegisterPages() {
        String site = createSite("no-img", List.of("reddit"));
        String url = uniquePostUrl();
        fromAnImage().queryParam("url", url).get("/api/v1/sites/{s}/share", site).then()
                .statusCode(HttpStatus.SC_FORBIDDEN).contentType(PROBLEM).body("status", equalTo(403))
                .body("detail", containsString("not by an image, script or no-cors request"));
        given().header("Sec-Fetch-Dest", "script").header("Sec-Fetch-Mode", "no-cors").queryParam("url", url)
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_FORBIDDEN);
        given().header("Sec-Fetch-Dest", "empty").header("Sec-Fetch-Mode", "no-cors").queryParam("url", url)
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_FORBIDDEN);
        fromAnImage().queryParam("url", url).get("/embed/{s}", site).then().statusCode(HttpStatus.SC_FORBIDDEN)
                .contentType(PROBLEM);
        given().queryParam("url", url).head("/api/v1/sites/{s}/share", site).then()
                .statusCode(HttpStatus.SC_FORBIDDEN);
        assertThat(stored(site, url)).isFalse();
    }

    @Test
    void theWidgetAFrameAServerAndAPageLoadDoRegister() {
        String site = createSite("yes-fetch", List.of("reddit"));
        // The widget's fetch() from the blog's page: another origin, CORS.
        String widget = uniquePostUrl();
        given().header("Sec-Fetch-Dest", "empty").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://blog.example").queryParam("url", widget).get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK);
        // The no-JS fragment in an iframe, and opened as a page.
        String framed = uniquePostUrl();
        given().header("Sec-Fetch-Dest", "iframe").header("Sec-Fetch-Mode", "navigate")
                .header("Referer", "https://blog.example/").queryParam("url", framed)
                .get("/embed/{s}", site).then().statusCode(HttpStatus.SC_OK);
        String opened = uniquePostUrl();
        given().header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Mode", "navigate")
                .header("Referer", "https://blog.example/posts/1").queryParam("url", opened)
                .get("/embed/{s}", site).then().statusCode(HttpStatus.SC_OK);
        // A server-side include: no Fetch Metadata at all.
        String included = uniquePostUrl();
        given().queryParam("url", included).get("/embed/{s}", site).then().statusCode(HttpStatus.SC_OK);
        assertThat(List.of(widget, framed, opened, included)).allSatisfy(u -> assertThat(stored(site, u)).isTrue());
    }

    @Test
    void aPageAlreadyRegisteredAnswersWhoeverAsks() {
        String site = createSite("known-img", List.of("reddit"));
        String url = uniquePostUrl();
        String post = share(site, url, "Known").getString("post");
        fromAnImage().queryParam("url", url).get("/api/v1/sites/{s}/share", site).then()
                .statusCode(HttpStatus.SC_OK).body("post", equalTo(post));
        given().queryParam("url", url).head("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK);
    }

    @Test
    void aPageNobodyClicksExpiresAndTheFirstClickKeepsIt() {
        String site = createSite("expiry", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Fresh").getString("post");
        String key = keys.post(site, PostId.parse(post).orElseThrow().hash());
        long sevenDays = 7L * 86400;
        assertThat(redis.key().ttl(key)).isBetween(sevenDays - 120, sevenDays);
        // A crawler's click does not make the post a shared one.
        given().redirects().follow(false).header("User-Agent", GOOGLEBOT_UA).get("/s/{p}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(redis.key().ttl(key)).isPositive();
        click(post, "reddit", "192.0.2.140");
        assertThat(redis.key().ttl(key)).isEqualTo(-1L);

        // Gone from Redis unclicked (as after its expiry), the page is registered again when shown, and its id holds.
        String other = share(site, uniquePostUrl(), "Unshared").getString("post");
        String otherKey = keys.post(site, PostId.parse(other).orElseThrow().hash());
        String otherUrl = redis.hash(String.class).hget(otherKey, "u");
        redis.key().del(otherKey);
        given().header("User-Agent", BROWSER_UA).queryParam("url", otherUrl).get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_OK).body("post", equalTo(other)).body("title", equalTo("Unshared"));
        assertThat(redis.key().ttl(otherKey)).isBetween(sevenDays - 120, sevenDays);
    }
}
