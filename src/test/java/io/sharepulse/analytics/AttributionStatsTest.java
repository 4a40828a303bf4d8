package io.sharepulse.analytics;

import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.rows;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.share.AttributionTest.arrive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.TestInfra;
import io.sharepulse.platform.RedisKeys;

/** Shares against arrivals in the admin API: per network and post, in series, posts, CSV, and over time. */
@QuarkusTest
class AttributionStatsTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ClickRollup rollup;

    static JsonPath attribution(String site) {
        return admin().get("/admin/v1/sites/{site}/attribution", site).then().statusCode(HttpStatus.SC_OK)
                .extract().jsonPath();
    }

    @Test
    void networksAreRankedByVisitsPerShareAgainstTheThirtyDaysBefore() {
        String site = createSite("attr", List.of("reddit", "x"));
        String a = share(site, "https://blog.example/a", "Post A").getString("post");
        String b = share(site, "https://blog.example/b", "Post B").getString("post");
        click(a, "reddit", "198.51.100.1");
        click(a, "reddit", "198.51.100.2");
        click(a, "x", "198.51.100.3");
        click(b, "reddit", "198.51.100.4");
        for (int i = 0; i < 5; i++) {
            arrive(site, "https://blog.example/a?sp=reddit", "reddit", "203.0.113." + i);
        }
        arrive(site, "https://blog.example/a", "x", "203.0.113.20");
        arrive(site, "https://blog.example/b", "reddit", "203.0.113.21");
        arrive(site, "https://blog.example/b", "reddit", "203.0.113.22");
        // The 30 days before: 2 shares and 4 arrivals on Reddit, 30 days ago (Redis still has that day).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate before = today.minusDays(30);
        redis.hash(Long.class).hset(keys.siteDay(site, before), "reddit", 2L);
        redis.hash(Long.class).hset(keys.arrivalsSiteDay(site, before), "reddit", 4L);

        JsonPath doc = attribution(site);
        assertThat(doc.getLong("current.shares")).isEqualTo(4);
        assertThat(doc.getLong("current.arrivals")).isEqualTo(8);
        assertThat(doc.getDouble("current.arrivalsPerShare")).isEqualTo(2.0);
        assertThat(doc.getString("current.from")).isEqualTo(today.minusDays(29).toString());
        assertThat(doc.getString("previous.from")).isEqualTo(today.minusDays(59).toString());
        assertThat(doc.getString("previous.to")).isEqualTo(before.toString());
        assertThat(doc.getLong("previous.shares")).isEqualTo(2);
        assertThat(doc.getLong("previous.arrivals")).isEqualTo(4);
        assertThat(doc.getDouble("change.arrivals")).isEqualTo(1.0);
        assertThat(doc.getDouble("change.arrivalsPerShare")).isEqualTo(0.0);
        assertThat(doc.getString("summary")).isEqualTo("8 visits, +100 % vs the 30 days before");
        assertThat(doc.getList("networks.network")).containsExactly("reddit", "x");
        assertThat(doc.getList("networks.summary")).containsExactly("Reddit: 3 shares, 7 visits, 2.3 visits per share",
                "X (Twitter): 1 share, 1 visit, 1.0 visits per share");
        assertThat(doc.getDouble("networks[0].arrivalsPerShare")).isEqualTo(2.33);
        assertThat(doc.getList("posts.post")).containsExactly(a, b);
        assertThat(doc.getString("posts[0].title")).isEqualTo("Post A");
        assertThat(doc.getLong("posts[0].shares")).isEqualTo(3);
        assertThat(doc.getLong("posts[0].arrivals")).isEqualTo(6);
        assertThat(doc.getDouble("posts[1].arrivalsPerShare")).isEqualTo(2.0);

        // The same figures in the series, the ranking of posts and one post.
        JsonPath series = admin().get("/admin/v1/sites/{site}/stats", site).then().statusCode(HttpStatus.SC_OK)
                .extract().jsonPath();
        assertThat(series.getLong("totals.arrivals")).isEqualTo(8);
        assertThat(series.getLong("series[29].arrivals")).isEqualTo(8);
        assertThat(series.getLong("series[29].clicks")).isEqualTo(4);
        admin().get("/admin/v1/sites/{site}/posts", site).then().statusCode(HttpStatus.SC_OK)
                .body("posts.find { it.post == '" + a + "' }.arrivals", org.hamcrest.Matchers.equalTo(6))
                .body("posts.find { it.post == '" + a + "' }.title", org.hamcrest.Matchers.equalTo("Post A"));
        admin().get("/admin/v1/sites/{site}/posts/{post}", site, a).then().statusCode(HttpStatus.SC_OK)
                .body("arrivals.reddit", org.hamcrest.Matchers.equalTo(5))
                .body("arrivals.x", org.hamcrest.Matchers.equalTo(1));

        String csv = admin().get("/admin/v1/sites/{site}/export.csv", site).then().statusCode(HttpStatus.SC_OK)
                .extract().asString();
        assertThat(csv).startsWith("date,post,url,title,network,clicks,arrivals\r\n")
                .contains(today + "," + a + ",https://blog.example/a,Post A,reddit,2,5\r\n")
                .contains(today + "," + a + ",https://blog.example/a,Post A,x,1,1\r\n")
                .contains(today + "," + b + ",https://blog.example/b,Post B,reddit,1,2\r\n");

        // The rollup copies the arrivals into PostgreSQL; with Redis emptied the answers are the same.
        rollup.rollDay(site, before, Instant.now());
        rollup.rollDay(site, today, Instant.now());
        String canonical = doc.prettify();
        TestInfra.deleteKeys(keys.site(site) + "*");
        assertThat(attribution(site).prettify()).isEqualTo(canonical);
        assertThat(admin().get("/admin/v1/sites/{site}/export.csv", site).then().extract().asString())
                .isEqualTo(csv);
        assertThat(admin().get("/admin/v1/sites/{site}/stats", site).then().extract().jsonPath()
                .getLong("totals.arrivals")).isEqualTo(8);
    }

    @Test
    void theRollupCopiesArrivalsOnceWhateverItsRuns() throws Exception {
        String site = createSite("attrroll", List.of("reddit"));
        String a = share(site, "https://blog.example/roll", "Rolled").getString("post");
        click(a, "reddit", "198.51.100.9");
        arrive(site, "https://blog.example/roll", "reddit", "203.0.113.9");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        rollup.rollDay(site, today, Instant.now());
        rollup.rollDay(site, today, Instant.now());
        String hash = a.substring(a.indexOf('.') + 1);
        assertThat(rows("select post_hash, network, arrivals from arrival_day where site_id = '" + site + "'"))
                .containsExactly(hash + "|reddit|1");
        assertThat(rows("select network, arrivals from site_arrival_day where site_id = '" + site + "'"))
                .containsExactly("reddit|1");
    }

    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
    static final String ANDROID_FIREFOX = "Mozilla/5.0 (Android 15; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0";
    static final String IPAD_EDGE = "Mozilla/5.0 (iPad; CPU OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
            + "Gecko) EdgiOS/138.0 Version/18.0 Mobile/15E148 Safari/604.1";

    static void clickAs(String post, String ua, String ip, boolean dnt) {
        var request = io.restassured.RestAssured.given().redirects().follow(false).header("User-Agent", ua)
                .header("X-Forwarded-For", ip);
        if (dnt) {
            request.header("Sec-GPC", "1");
        }
        request.get("/s/{post}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
    }

    @Test
    void deviceClassAndBrowserFamilyAreKeptAsCountersOnly() throws Exception {
        String site = createSite("attrctx", List.of("reddit"));
        String post = share(site, "https://blog.example/ctx", "Context").getString("post");
        click(post, "reddit", "198.51.100.70"); // desktop Chrome
        clickAs(post, IPHONE, "198.51.100.71", false);
        clickAs(post, ANDROID_FIREFOX, "198.51.100.72", false);
        clickAs(post, IPAD_EDGE, "198.51.100.73", false);
        clickAs(post, IPHONE, "198.51.100.74", true); // asked not to be tracked: counted, no context
        clickAs(post, io.sharepulse.Fixtures.GOOGLEBOT_UA, "198.51.100.75", false); // a bot: neither

        JsonPath doc = attribution(site);
        assertThat(doc.getLong("current.shares")).isEqualTo(5);
        assertThat(doc.getMap("context.devices")).isEqualTo(Map.of("desktop", 1, "mobile", 2, "tablet", 1));
        assertThat(doc.getMap("context.browsers")).isEqualTo(Map.of("chrome", 1, "safari", 1, "firefox", 1,
                "edge", 1));
        // Closed days keep them in PostgreSQL, as counters.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        rollup.rollDay(site, today, Instant.now());
        assertThat(rows("select field, clicks from site_context_day where site_id = '" + site + "' order by field"))
                .containsExactly("b:chrome|1", "b:edge|1", "b:firefox|1", "b:safari|1", "d:desktop|1", "d:mobile|2",
                        "d:tablet|1");
        TestInfra.deleteKeys(keys.site(site) + "*");
        assertThat(attribution(site).getMap("context.devices")).isEqualTo(Map.of("desktop", 1, "mobile", 2,
                "tablet", 1));
    }

    @Test
    void badParametersAre400Problems() {
        String site = createSite("attrbad", List.of("reddit"));
        for (Map.Entry<String, String> q : Map.of("limit", "0", "from", "yesterday").entrySet()) {
            admin().queryParam(q.getKey(), q.getValue()).get("/admin/v1/sites/{site}/attribution", site)
                    .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
        }
        admin().get("/admin/v1/sites/{site}/attribution", "no-such-site").then()
                .statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
    }
}
