package io.sharepulse.analytics;

import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.analytics.MutableClock.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.Fixtures;
import io.sharepulse.TestInfra;
import io.sharepulse.platform.RedisKeys;

/**
 * Series against clicks placed at known instants (around a UTC midnight, read in three time zones), and the
 * history: the same answers before the rollup (Redis), after it (PostgreSQL), after a second rollup, and after
 * the site's Redis keys are gone.
 */
@QuarkusTest
class ClickHistoryTest {

    @Inject
    ClickRollup rollup;

    @Inject
    RedisKeys keys;

    @Test
    void seriesAreExactAcrossMidnightAndTimeZonesAndSurviveRedisLoss() throws Exception {
        MutableClock clock = MutableClock.installNow();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        LocalDate next = day.plusDays(1);
        clock.set(at(day, "20:00"));
        String site = createSite("history", List.of("reddit", "x", "email"));
        String p1 = share(site, uniquePostUrl(), "First post").getString("post");
        String p2 = share(site, uniquePostUrl(), "=cmd|' /C calc'!A0").getString("post");

        clock.set(at(day, "22:30"));
        click(p1, "reddit", "198.51.100.1");
        click(p1, "reddit", "198.51.100.2");
        given().redirects().follow(false).header("User-Agent", GOOGLEBOT_UA).get("/s/{p}/reddit", p1)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        clock.set(at(day, "23:59:30"));
        click(p2, "x", "198.51.100.3");
        clock.set(at(next, "00:00:30"));
        click(p1, "reddit", "198.51.100.4");
        clock.set(at(next, "10:00"));
        click(p2, "reddit", "198.51.100.5");
        click(p2, "email", "198.51.100.5");
        clock.set(Instant.now());

        String from = day.toString();
        String to = next.toString();
        JsonPath utc = stats(site, "from", from, "to", to);
        assertThat(utc.getList("series.clicks", Long.class)).containsExactly(3L, 3L);
        assertThat(utc.getList("series.uniques", Long.class)).containsExactly(3L, 2L);
        assertThat(utc.getList("series.bots", Long.class)).containsExactly(1L, 0L);
        assertThat(utc.getLong("totals.clicks")).isEqualTo(6);
        assertThat(utc.getMap("totals.networks")).containsEntry("reddit", 4).containsEntry("x", 1)
                .containsEntry("email", 1);
        assertThat(utc.getString("series[0].start")).isEqualTo(from + "T00:00:00Z");

        // Tokyo (UTC+9): all of it fell on the next local day. Bogotá (UTC-5): 4 before local midnight, 2 after.
        assertThat(stats(site, "from", from, "to", to, "tz", "Asia/Tokyo").getList("series.clicks", Long.class))
                .containsExactly(0L, 6L);
        JsonPath bogota = stats(site, "from", from, "to", to, "tz", "America/Bogota");
        assertThat(bogota.getList("series.clicks", Long.class)).containsExactly(4L, 2L);
        assertThat(bogota.getString("series[1].start")).isEqualTo(next + "T00:00:00-05:00");

        JsonPath hours = stats(site, "from", from, "to", to, "interval", "hour");
        assertThat(hours.getList("series")).hasSize(48);
        assertThat(hours.getLong("series[22].clicks")).isEqualTo(2);
        assertThat(hours.getLong("series[23].clicks")).isEqualTo(1);
        assertThat(hours.getLong("series[24].clicks")).isEqualTo(1);
        assertThat(hours.getLong("series[34].clicks")).isEqualTo(2);
        assertThat(hours.getList("series.clicks", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(6);

        assertThat(stats(site, "from", from, "to", to, "network", "x").getList("series.clicks", Long.class))
                .containsExactly(1L, 0L);
        assertThat(stats(site, "from", from, "to", to, "post", p1).getList("series.clicks", Long.class))
                .containsExactly(2L, 1L);
        JsonPath month = stats(site, "from", day.withDayOfMonth(1).toString(), "to", to, "interval", "month");
        assertThat(month.getList("series.clicks", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(month.getLong("totals.uniques")).isEqualTo(5);

        Map<String, String> answers = answers(site, from, to, p1);

        ClickRollup.Report first = rollup.run();
        assertThat(first.days()).isGreaterThanOrEqualTo(5);
        assertThat(answers(site, from, to, p1)).isEqualTo(answers);
        String rows = historyRows(site);
        assertThat(rows).contains(from + "|" + p1.substring(p1.indexOf('.') + 1) + "|reddit|2");

        // Re-running, and re-copying a day on purpose, change nothing.
        rollup.run();
        rollup.rollDay(site, day, Instant.now());
        assertThat(historyRows(site)).isEqualTo(rows);

        // Redis loses everything of the site: the answers come from PostgreSQL alone, and a rollup after the loss
        // (which finds empty buckets) does not lower them.
        TestInfra.deleteKeys(keys.site(site) + "*");
        assertThat(answers(site, from, to, p1)).isEqualTo(answers);
        rollup.rollDay(site, day, Instant.now());
        assertThat(historyRows(site)).isEqualTo(rows);
        assertThat(answers(site, from, to, p1)).isEqualTo(answers);
    }

    @Test
    void aQuerySpanningHistoryAndTodayAddsBoth() {
        MutableClock clock = MutableClock.installNow();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        clock.set(at(yesterday, "12:00"));
        String site = createSite("span", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Spanning").getString("post");
        click(post, "reddit", "198.51.100.10");
        clock.set(Instant.now());
        rollup.run();
        click(post, "reddit", "198.51.100.11");
        click(post, "reddit", "198.51.100.12");

        JsonPath series = stats(site, "from", yesterday.toString(), "to", yesterday.plusDays(1).toString());
        assertThat(series.getList("series.clicks", Long.class)).containsExactly(1L, 2L);
        admin().get("/admin/v1/sites/{site}/posts?from={f}", site, yesterday.toString())
                .then().statusCode(HttpStatus.SC_OK)
                .body("posts[0].clicks", equalTo(3))
                .body("posts[0].networks.reddit", equalTo(3));
    }

    private JsonPath stats(String site, String... params) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            query.put(params[i], params[i + 1]);
        }
        return admin().queryParams(query).get("/admin/v1/sites/{site}/stats", site)
                .then().statusCode(HttpStatus.SC_OK).extract().jsonPath();
    }

    /** Every answer of the API over the range, as text. */
    private Map<String, String> answers(String site, String from, String to, String post) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of(
                "stats?from=" + from + "&to=" + to,
                "stats?from=" + from + "&to=" + to + "&tz=America/Bogota",
                "stats?from=" + from + "&to=" + to + "&interval=hour",
                "stats?from=" + from + "&to=" + to + "&interval=month",
                "stats?from=" + from + "&to=" + to + "&post=" + post,
                "networks?from=" + from + "&to=" + to,
                "posts?from=" + from + "&to=" + to,
                "posts/" + post + "?from=" + from + "&to=" + to,
                "export.csv?from=" + from + "&to=" + to));
        for (String path : paths) {
            out.put(path, admin().get("/admin/v1/sites/" + site + "/" + path)
                    .then().statusCode(HttpStatus.SC_OK).extract().asString());
        }
        return out;
    }

    private String historyRows(String site) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String sql : List.of(
                "select day, post_hash, network, clicks from click_day where site_id = '" + site + "' order by 1, 2, 3",
                "select day, network, clicks, bots from site_day where site_id = '" + site + "' order by 1, 2",
                "select hour, network, clicks from site_hour where site_id = '" + site + "' order by 1, 2",
                "select day, uniques from site_uniques where site_id = '" + site + "' order by 1",
                "select post_hash, days, start_day, clicks from click_block where site_id = '" + site
                        + "' order by 1, 2, 3",
                "select day, prev_day, posts from post_gap where site_id = '" + site + "' order by 1, 2",
                "select post_hash, last_day from post_last where site_id = '" + site + "' order by 1")) {
            Fixtures.rows(sql).forEach(row -> out.append(row).append('\n'));
        }
        return out.toString();
    }
}
