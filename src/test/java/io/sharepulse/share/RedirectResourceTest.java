package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Fixtures;
import io.sharepulse.network.ShareTemplate;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.post.PostId;

@QuarkusTest
class RedirectResourceTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void redirectsToTheExpandedTemplateAndCounts() {
        String site = createSite("redirect", List.of("reddit"));
        String url = uniquePostUrl();
        String post = share(site, url, "Rock & Roll").getString("post");

        given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                .get("/s/{post}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY)
                .header("Location", equalTo("https://www.reddit.com/submit?url="
                        + url.replace(":", "%3A").replace("/", "%2F") + "%3Fsp%3Dreddit&title=Rock%20%26%20Roll"))
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("Set-Cookie", nullValue());
        assertThat(count(post, "reddit")).isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentReadersCountExactlyTwoHundred() throws Exception {
        String site = createSite("concurrent", List.of("reddit"));
        String post = newPost(site);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "s/" + post + "/reddit"))
                    .header("User-Agent", BROWSER_UA)
                    .header("X-Forwarded-For", "203.0.113." + (i % 250) + ", 10.0." + (i / 250) + ".1")
                    .header("X-Forwarded-For", "198.18." + (i / 100) + "." + (i % 100))
                    .build();
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        assertThat(inFlight).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY));
        // A reader on a busy machine may be redirected before Redis confirmed; the click still lands.
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> count(post, "reddit") >= 200);
        assertThat(count(post, "reddit")).isEqualTo(200);
    }

    @Test
    void theSameReaderTwiceWithinTheWindowCountsOnce() {
        String site = createSite("dedupe", List.of("reddit", "x"));
        String post = newPost(site);
        click(post, "reddit", "192.0.2.7");
        click(post, "reddit", "192.0.2.7");
        click(post, "x", "192.0.2.7"); // another button is another share
        assertThat(count(post, "reddit")).isEqualTo(1);
        assertThat(count(post, "x")).isEqualTo(1);
        click(post, "reddit", "192.0.2.8");
        assertThat(count(post, "reddit")).isEqualTo(2);
    }

    @Test
    void aSiteWithoutDedupeCountsEveryClick() {
        String site = createSite("nodedupe", List.of("reddit"), Map.of("dedupeMinutes", 0));
        String post = newPost(site);
        click(post, "reddit", "192.0.2.9");
        click(post, "reddit", "192.0.2.9");
        assertThat(count(post, "reddit")).isEqualTo(2);
    }

    @Test
    void aReaderAskingNotToBeTrackedIsCountedWithoutAVisitorHash() {
        String site = createSite("dnt", List.of("reddit"));
        String post = newPost(site);
        for (int i = 0; i < 2; i++) {
            given().redirects().follow(false).header("User-Agent", BROWSER_UA).header("Sec-GPC", "1")
                    .header("X-Forwarded-For", "192.0.2.50")
                    .get("/s/{post}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        assertThat(count(post, "reddit")).isEqualTo(2);
        assertThat(redis.hyperloglog(String.class).pfcount(keys.uniques(site, today()))).isZero();
    }

    @Test
    void crawlersAndPreviewsAreTalliedApartAndNeverCounted() {
        String site = createSite("bots", List.of("reddit"));
        String post = newPost(site);
        for (String ua : List.of(Fixtures.GOOGLEBOT_UA, Fixtures.FACEBOOK_PREVIEW_UA)) {
            given().redirects().follow(false).header("User-Agent", ua)
                    .get("/s/{post}/reddit", post)
                    .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY).header("Location", startsWith("https://www.reddit.com/submit"));
        }
        given().redirects().follow(false).get("/s/{post}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY); // no UA at all
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).header("Sec-Purpose", "prefetch")
                .get("/s/{post}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(count(post, "reddit")).isZero();
        assertThat(redis.hash(Long.class).hget(keys.bots(site, today()), "reddit")).isEqualTo(4L);
    }

    @Test
    void everyBucketIsWrittenWithAnExpiry() {
        String site = createSite("buckets", List.of("reddit"));
        String post = newPost(site);
        click(post, "reddit", "192.0.2.60");
        String hash = PostId.parse(post).orElseThrow().hash();
        LocalDate day = today();
        LocalDateTime hour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        for (String key : List.of(keys.postDay(site, hash, day), keys.siteDay(site, day), keys.top(site, day),
                keys.uniques(site, day))) {
            assertThat(redis.key().ttl(key)).as(key).isGreaterThan(399L * 86400);
        }
        assertThat(redis.key().ttl(keys.siteHour(site, hour))).isBetween(8L * 86400, 9L * 86400);
        assertThat(redis.hash(Long.class).hget(keys.siteDay(site, day), "reddit")).isEqualTo(1L);
        assertThat(redis.sortedSet(String.class).zscore(keys.top(site, day), hash)).hasValue(1.0);
        assertThat(redis.hyperloglog(String.class).pfcount(keys.uniques(site, day))).isEqualTo(1L);
        assertThat(redis.key().ttl(keys.post(site, hash))).isEqualTo(-1L); // all-time counts stay
    }

    @Test
    void unknownPostsAndNetworksAre404Problems() {
        String site = createSite("unknown", List.of("reddit"));
        String post = newPost(site);
        String neverShared = PostId.derive(site, "https://blog.example/never").value();
        for (String path : List.of("/s/" + neverShared + "/reddit", "/s/" + post + "/myspace2000",
                "/s/" + post + "/copy", "/s/not-a-post-id/reddit", "/s/nosite.0123456789abc/reddit")) {
            given().redirects().follow(false).header("User-Agent", BROWSER_UA).get(path)
                    .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM)
                    .body("status", equalTo(404)).body(not(containsString("Exception")));
        }
        assertThat(redis.key().exists(keys.post(site, PostId.parse(neverShared).orElseThrow().hash()))).isFalse();
    }

    @Test
    void aRetiredNetworkWithASuccessorGoesThere() {
        String site = createSite("retired", List.of("delicious", "feedburner"));
        String post = share(site, uniquePostUrl(), "Old post").getString("post");
        assertThat(click(post, "delicious", "192.0.2.70")).startsWith("https://pinboard.in/add?url=");
        // An old embed's alias counts under the catalog id.
        assertThat(click(post, "del.icio.us", "192.0.2.71")).startsWith("https://pinboard.in/add?url=");
        assertThat(click(post, "feedburner", "192.0.2.72")).startsWith("mailto:?subject=Old%20post");
        assertThat(count(post, "delicious")).isEqualTo(2);
        assertThat(count(post, "pinboard")).isZero();
    }

    @Test
    void aClosedNetworkShowsAPageOfferingTheLiveOnes() {
        String site = createSite("closed", List.of("technorati", "reddit", "x"));
        String post = share(site, uniquePostUrl(), "<b>Old</b> post").getString("post");
        String page = given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                .get("/s/{post}/technorati", post)
                .then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "no-store")
                .extract().asString();
        assertThat(page).contains("Technorati has closed", "2014-05-29", "/s/" + post + "/reddit",
                "/s/" + post + "/x", "&lt;b&gt;Old&lt;/b&gt; post").doesNotContain("<b>Old</b>");
        assertThat(count(post, "technorati")).isZero();
    }

    @Test
    void fediverseButtonsAreCountedThenAskForTheReadersServerOnOurOwnPage() {
        String site = createSite("toot", List.of("mastodon", "misskey", "lemmy", "fediverse"));
        String post = newPost(site);
        // A path: the reader stays on the host they clicked, whatever the request's Host header said. The page
        // preselects the software of the button clicked.
        for (String network : List.of("mastodon", "misskey", "lemmy", "fediverse")) {
            assertThat(click(post, network, "192.0.2.90")).isEqualTo("/fediverse?post=" + post + "&network=" + network);
            assertThat(count(post, network)).as(network).isEqualTo(1);
        }
    }

    @Test
    void theQrCodeIsCountedThenShownOnOurOwnPage() {
        String site = createSite("qr", List.of("qr"));
        String post = newPost(site);
        assertThat(click(post, "qr", "192.0.2.91")).isEqualTo("/qr?post=" + post);
        assertThat(count(post, "qr")).isEqualTo(1);
    }

    @Test
    void smsTakesTheFormOfTheReadersPhone() {
        String site = createSite("sms", List.of("sms"));
        String url = uniquePostUrl();
        String post = share(site, url, "Text me").getString("post");
        String body = "Text%20me%20" + ShareTemplate.encode(url + "?sp=sms");
        String iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.5 Mobile/15E148 Safari/604.1";
        given().redirects().follow(false).header("User-Agent", iphone).get("/s/{post}/sms", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY).header("Location", "sms:&body=" + body);
        assertThat(click(post, "sms", "192.0.2.92")).isEqualTo("sms:?body=" + body);
        assertThat(count(post, "sms")).isEqualTo(2);
    }

    @Test
    void headRequestsAnswerWithoutCounting() {
        String site = createSite("head", List.of("reddit"));
        String post = newPost(site);
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).head("/s/{post}/reddit", post)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY).header("Location", startsWith("https://www.reddit.com/"));
        assertThat(count(post, "reddit")).isZero();
    }

    @Test
    void aPostRedisLostIsRestoredFromPostgresAndTheClickCounted() {
        String site = createSite("restore", List.of("reddit"));
        String url = uniquePostUrl();
        String post = share(site, url, "Survivor").getString("post");
        redis.key().del(keys.post(site, PostId.parse(post).orElseThrow().hash()));

        assertThat(click(post, "reddit", "192.0.2.80")).contains("title=Survivor");
        assertThat(count(post, "reddit")).isEqualTo(1);
    }

    @Test
    void aDeletedSitesLinksStopWorking() {
        String site = createSite("gone", List.of("reddit"));
        String post = newPost(site);
        Fixtures.admin().delete("/admin/v1/sites/{id}", site).then().statusCode(HttpStatus.SC_NO_CONTENT);
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).get("/s/{post}/reddit", post)
                .then().statusCode(HttpStatus.SC_NOT_FOUND);
        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_NOT_FOUND);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
