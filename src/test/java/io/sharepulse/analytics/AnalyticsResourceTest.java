package io.sharepulse.analytics;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.Fixtures;
import io.sharepulse.post.PostId;
import io.sharepulse.share.ClickRecorder;

@QuarkusTest
class AnalyticsResourceTest {

    @Inject
    ClickRecorder recorder;

    @Test
    void networksShowEveryNetworkOfTheBarWithItsShareIncludingCopyAndWebShare() {
        String site = createSite("nets", List.of("reddit", "bluesky", "copy", "webshare", "email"));
        String post = share(site, uniquePostUrl(), "Networks").getString("post");
        click(post, "reddit", "198.51.100.20");
        click(post, "reddit", "198.51.100.21");
        click(post, "bluesky", "198.51.100.22");
        // Copy and Web Share are widget actions reported by beacon; they land in the same buckets.
        record(post, "copy");
        record(post, "webshare");
        admin().get("/admin/v1/sites/{site}/networks", site).then().statusCode(HttpStatus.SC_OK)
                .body("total", equalTo(5))
                .body("networks.network", contains("reddit", "bluesky", "copy", "webshare", "email"))
                .body("networks[0].clicks", equalTo(2)).body("networks[0].share", equalTo(0.4f))
                .body("networks[0].name", equalTo("Reddit"))
                .body("networks[2].clicks", equalTo(1)).body("networks[4].clicks", equalTo(0));
    }

    @Test
    void topPostsAreRankedPagedAndCarryUrlTitleAndTopNetwork() {
        String site = createSite("top", List.of("reddit", "x"));
        String a = share(site, "https://blog.example/a", "Post A").getString("post");
        String b = share(site, "https://blog.example/b", "Post B").getString("post");
        String c = share(site, "https://blog.example/c", "Post C").getString("post");
        for (int i = 0; i < 3; i++) {
            click(b, "x", "198.51.100." + (30 + i));
        }
        click(b, "reddit", "198.51.100.40");
        click(a, "reddit", "198.51.100.41");
        click(a, "reddit", "198.51.100.42");
        click(c, "x", "198.51.100.43");

        admin().queryParam("limit", 2).get("/admin/v1/sites/{site}/posts", site).then().statusCode(HttpStatus.SC_OK)
                .body("totalPosts", equalTo(3))
                .body("posts.post", contains(b, a))
                .body("posts[0].clicks", equalTo(4)).body("posts[0].topNetwork", equalTo("x"))
                .body("posts[0].url", equalTo("https://blog.example/b")).body("posts[0].title", equalTo("Post B"))
                .body("posts[0].networks.reddit", equalTo(1));
        admin().queryParam("limit", 2).queryParam("offset", 2).get("/admin/v1/sites/{site}/posts", site)
                .then().body("posts.post", contains(c));
        admin().queryParam("order", "asc").get("/admin/v1/sites/{site}/posts", site)
                .then().body("posts.post", contains(c, a, b));

        admin().get("/admin/v1/sites/{site}/posts/{post}", site, b).then().statusCode(HttpStatus.SC_OK)
                .body("total", equalTo(4)).body("networks.x", equalTo(3)).body("title", equalTo("Post B"))
                .body("series", hasSize(30)).body("series[29].clicks", equalTo(4));
        // A post of another site, or no post at all, is not found through this site.
        String other = createSite("top-other", List.of("reddit"));
        String foreign = share(other, uniquePostUrl(), "Elsewhere").getString("post");
        admin().get("/admin/v1/sites/{site}/posts/{post}", site, foreign).then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
        admin().get("/admin/v1/sites/{site}/posts/{post}", site, site + ".0000000000000")
                .then().statusCode(HttpStatus.SC_NOT_FOUND);
    }

    @Test
    void uniquesAreWithinHyperLogLogError() {
        String site = createSite("uniq", List.of("reddit", "x"));
        String post = share(site, uniquePostUrl(), "Uniques").getString("post");
        String other = share(site, uniquePostUrl(), "Uniques 2").getString("post");
        int visitors = 2_000;
        PostId id = PostId.parse(post).orElseThrow();
        PostId id2 = PostId.parse(other).orElseThrow();
        for (int i = 0; i < visitors; i++) {
            String visitor = UUID.randomUUID().toString().substring(0, 16);
            recorder.record(id, "reddit", ClickRecorder.Mode.COUNT, visitor, 1800).toCompletionStage().toCompletableFuture().join();
            if (i % 2 == 0) { // the same visitor again elsewhere: one more click, not one more visitor
                recorder.record(id2, "x", ClickRecorder.Mode.COUNT, visitor, 1800).toCompletionStage().toCompletableFuture().join();
            }
        }
        JsonPath stats = admin().get("/admin/v1/sites/{site}/stats", site).then().statusCode(HttpStatus.SC_OK)
                .extract().jsonPath();
        assertThat(stats.getLong("totals.clicks")).isEqualTo(visitors + visitors / 2);
        // Redis' HyperLogLog has a standard error of 0.81 %: allow three of them.
        assertThat(stats.getLong("totals.uniques")).isBetween((long) (visitors * (1 - 0.0243)),
                (long) Math.ceil(visitors * (1 + 0.0243)));
    }

    @Test
    void badRangesAndParametersAre400ProblemsThatSayWhy() {
        String site = createSite("bad", List.of("reddit"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        bad(site, "stats?from=2026-13-01", "'from' must be a date");
        bad(site, "stats?from=" + today + "&to=2020-01-01", "is after 'to'");
        bad(site, "stats?from=2020-01-01&to=2024-01-01", "at most 731");
        bad(site, "stats?interval=hour&from=2026-01-01&to=2026-03-01", "at most 31");
        bad(site, "stats?interval=week", "hour, day or month");
        bad(site, "stats?tz=Mars/Olympus", "time zone");
        bad(site, "stats?tz=Asia/Kolkata", "whole number of hours");
        bad(site, "stats?network=myspace2000", "not a network");
        bad(site, "networks?to=yesterday", "'to' must be a date");
        bad(site, "posts?limit=0", "'limit'");
        bad(site, "posts?order=random", "'order'");
        bad(site, "export.csv?granularity=hour", "'granularity'");
        String post = newPost(site);
        bad(site, "stats?post=" + post + "&tz=Europe/Berlin", "per UTC day");
        bad(site, "posts/" + post + "?interval=hour", "day or month");
        admin().get("/admin/v1/sites/{site}/stats", "no-such-site").then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
    }

    @Test
    void bucketsAreZeroFilledAndBotsNeverCountAsClicks() {
        String site = createSite("zero", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Zero").getString("post");
        given().redirects().follow(false)
                .header("User-Agent", Fixtures.FACEBOOK_PREVIEW_UA).get("/s/{p}/reddit", post);
        admin().queryParam("interval", "month").get("/admin/v1/sites/{site}/stats", site)
                .then().statusCode(HttpStatus.SC_OK)
                .body("series", hasSize(12)).body("totals.clicks", equalTo(0)).body("totals.bots", equalTo(1))
                .body("series[11].bots", equalTo(1)).body("series[0].clicks", equalTo(0))
                .body(not(containsString("Exception")));
        admin().queryParam("interval", "hour").get("/admin/v1/sites/{site}/stats", site)
                .then().body("series", hasSize(24)).body("series[0]", not(hasKey("uniques")));
    }

    private void record(String post, String network) {
        recorder.record(PostId.parse(post).orElseThrow(), network, ClickRecorder.Mode.COUNT,
                UUID.randomUUID().toString(), 0).toCompletionStage().toCompletableFuture().join();
    }

    private static void bad(String site, String path, String says) {
        admin().get("/admin/v1/sites/" + site + "/" + path).then().statusCode(HttpStatus.SC_BAD_REQUEST)
                .contentType(PROBLEM).body("status", equalTo(400)).body("detail", containsString(says));
    }
}
