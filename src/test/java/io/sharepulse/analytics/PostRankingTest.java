package io.sharepulse.analytics;

import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.analytics.MutableClock.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.Fixtures;

/**
 * Top posts from the blocks (V5) against the clicks the test itself made: a long tail of clicks on scattered days
 * over 70 days, read over ranges that start and end inside blocks, with days still in Redis and without, by
 * the threshold algorithm at every depth and by the SQL sum. Also: the tables of V5 that the rollup keeps in step
 * equal what the migration derives from click_day, and re-running a day changes neither.
 */
@QuarkusTest
class PostRankingTest {

    @Inject
    ClickRollup rollup;

    @Inject
    PostRanking ranking;

    @Test
    void topPostsAreExactOverPartialBlocksWithAndWithoutDaysInRedis() throws Exception {
        MutableClock clock = MutableClock.installNow();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(70);
        clock.set(at(first, "00:10"));
        String site = createSite("ranking", List.of("reddit", "x", "email"), Map.of("dedupeMinutes", 0));
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            posts.add(share(site, uniquePostUrl(), "Post " + i).getString("post"));
        }
        // day -> post id -> network -> clicks, as clicked
        Map<LocalDate, Map<String, Map<String, Long>>> made = new TreeMap<>();
        Random rnd = new Random(5);
        String[] networks = { "reddit", "x", "email" };
        int ip = 0;
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            if (rnd.nextInt(3) != 0 && !day.equals(today) && !day.equals(first)) {
                continue; // most days without a click; the first and today always have some
            }
            clock.set(at(day, "12:00"));
            int clicks = 1 + rnd.nextInt(6);
            for (int c = 0; c < clicks; c++) {
                // A long tail: post i is picked about 1/(i+1) as often as post 0; some days favour a late post.
                int p = rnd.nextInt(4) == 0 ? 10 + rnd.nextInt(4) : (int) Math.min(13, Math.floor(Math.exp(rnd.nextDouble() * Math.log(14)) - 1));
                String post = posts.get(p);
                String network = networks[rnd.nextInt(3)];
                click(post, network, "198.51.100." + (ip++ % 250 + 1));
                made.computeIfAbsent(day, d -> new HashMap<>()).computeIfAbsent(post, x -> new TreeMap<>())
                        .merge(network, 1L, Long::sum);
            }
        }
        List<LocalDate[]> ranges = List.of(
                new LocalDate[] { first, today },
                new LocalDate[] { today.minusDays(45), today.minusDays(5) },
                new LocalDate[] { today.minusDays(33), today.minusDays(1) },
                new LocalDate[] { today.minusDays(2), today },
                new LocalDate[] { today.minusDays(63), today.minusDays(40) },
                new LocalDate[] { today.minusDays(17), today.minusDays(17) },
                new LocalDate[] { first.plusDays(3), today.minusDays(3) });

        // Rolled up to three days ago: the last three days come from Redis.
        clock.set(at(today.minusDays(2), "12:00"));
        rollup.run();
        clock.set(Instant.now());
        for (LocalDate[] r : ranges) {
            assertPagesExact(site, made, r[0], r[1]);
        }

        rollup.run();
        for (LocalDate[] r : ranges) {
            assertPagesExact(site, made, r[0], r[1]);
        }
        // The threshold algorithm alone, from depth 1 (several rounds): closed days from the blocks, today (when
        // the range holds it) as the live list, as Redis would give it.
        Map<String, Long> live = new HashMap<>();
        made.getOrDefault(today, Map.of()).forEach((post, n) -> live.put(post.substring(post.indexOf('.') + 1),
                n.values().stream().mapToLong(Long::longValue).sum()));
        List<BlockQueries.BlockRow> liveList = live.entrySet().stream()
                .map(e -> new BlockQueries.BlockRow(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(BlockQueries.BlockRow::clicks).reversed()).toList();
        for (LocalDate[] r : ranges) {
            boolean withToday = !r[1].isBefore(today);
            LocalDate to = withToday ? today.minusDays(1) : r[1];
            if (r[0].isAfter(to)) {
                continue;
            }
            List<Map.Entry<String, Long>> expected = ranked(made, r[0], r[1], true);
            for (int n = 1; n <= expected.size() + 1; n++) {
                List<BlockQueries.BlockRow> top = ranking.topByThreshold(site, Blocks.cover(r[0], to),
                        withToday ? live : Map.of(), withToday ? liveList : List.of(), n, 1, 1024).orElseThrow();
                assertThat(top).extracting(b -> site + "." + b.postHash() + "=" + b.clicks())
                        .as("top %d of %s..%s", n, r[0], r[1])
                        .containsExactlyElementsOf(expected.stream().limit(n).map(e -> e.getKey() + "=" + e.getValue())
                                .toList());
            }
        }

        String blocks = derivedRows(site, true);
        assertThat(blocks).isEqualTo(derivedRows(site, false)).isNotEmpty();
        rollup.rollDay(site, today.minusDays(1), Instant.now());
        rollup.rollDay(site, first, Instant.now());
        assertThat(derivedRows(site, true)).isEqualTo(blocks);

        // A late click on an old day, for a post clicked before and after it: re-copying that day adds the click
        // to the blocks and splits the post's gap in two.
        String post = posts.get(0);
        LocalDate late = first.plusDays(1);
        while (made.getOrDefault(late, Map.of()).containsKey(post)) {
            late = late.plusDays(1);
        }
        clock.set(at(late, "13:00"));
        click(post, "x", "203.0.113.9");
        made.computeIfAbsent(late, d -> new HashMap<>()).computeIfAbsent(post, x -> new TreeMap<>())
                .merge("x", 1L, Long::sum);
        clock.set(Instant.now());
        rollup.rollDay(site, late, Instant.now());
        assertThat(derivedRows(site, true)).isEqualTo(derivedRows(site, false)).isNotEqualTo(blocks);
        for (LocalDate[] r : ranges) {
            assertPagesExact(site, made, r[0], r[1]);
        }
        assertPagesExact(site, made, late, late);
        assertPagesExact(site, made, late.plusDays(1), today);
    }

    @Test
    void badPagingIsAProblem() {
        String site = createSite("ranking-bad", List.of("reddit"));
        for (String query : List.of("limit=0", "limit=101", "offset=-1", "offset=10001", "order=sideways")) {
            admin().get("/admin/v1/sites/{site}/posts?" + query, site).then()
                    .statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
        }
    }

    private void assertPagesExact(String site, Map<LocalDate, Map<String, Map<String, Long>>> made, LocalDate from,
            LocalDate to) {
        List<Map.Entry<String, Long>> desc = ranked(made, from, to, true);
        List<Map.Entry<String, Long>> asc = ranked(made, from, to, false);
        for (String paging : List.of("limit=10", "limit=3&offset=2", "limit=100", "limit=4&order=asc",
                "limit=5&offset=4&order=asc", "limit=2&offset=50")) {
            JsonPath page = admin().get("/admin/v1/sites/{site}/posts?from={f}&to={t}&" + paging, site, from.toString(), to.toString())
                    .then().statusCode(HttpStatus.SC_OK).extract().jsonPath();
            Map<String, String> q = new HashMap<>();
            for (String kv : paging.split("&")) {
                q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(q.get("limit"));
            List<Map.Entry<String, Long>> all = "asc".equals(q.get("order")) ? asc : desc;
            List<String> expected = all.stream().skip(offset).limit(limit).map(e -> e.getKey() + "=" + e.getValue()
                    + networksOf(made, e.getKey(), from, to)).toList();
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < page.getList("posts").size(); i++) {
                actual.add(page.getString("posts[" + i + "].post") + "=" + page.getLong("posts[" + i + "].clicks")
                        + new TreeMap<>(page.getMap("posts[" + i + "].networks")));
            }
            assertThat(actual).as("%s..%s %s", from, to, paging).containsExactlyElementsOf(expected);
            assertThat(page.getInt("totalPosts")).as("%s..%s", from, to).isEqualTo(desc.size());
        }
    }

    /** Posts clicked in [from, to] with their clicks, by clicks (most or fewest first), ties by post id. */
    private static List<Map.Entry<String, Long>> ranked(Map<LocalDate, Map<String, Map<String, Long>>> made,
            LocalDate from, LocalDate to, boolean desc) {
        Map<String, Long> totals = new HashMap<>();
        made.forEach((day, posts) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                posts.forEach((post, n) -> n.values().forEach(c -> totals.merge(post, c, Long::sum)));
            }
        });
        Comparator<Map.Entry<String, Long>> byClicks = Map.Entry.comparingByValue();
        return totals.entrySet().stream().sorted((desc ? byClicks.reversed() : byClicks)
                .thenComparing(Map.Entry.comparingByKey())).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, Long> networksOf(Map<LocalDate, Map<String, Map<String, Long>>> made, String post,
            LocalDate from, LocalDate to) {
        Map<String, Long> out = new TreeMap<>();
        made.forEach((day, posts) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                posts.getOrDefault(post, Map.of()).forEach((n, c) -> out.merge(n, c, Long::sum));
            }
        });
        return out;
    }

    /** click_block, post_gap and post_last of the site: as kept by the rollup, or as V5 derives them from click_day. */
    private String derivedRows(String site, boolean kept) throws Exception {
        String blocks = kept
                ? "select post_hash, days, start_day, clicks from click_block where site_id = '%s'"
                : """
                  select c.post_hash, b.days, date '2000-01-01' + ((c.day - date '2000-01-01') / b.days) * b.days,
                         sum(c.clicks)
                  from click_day c cross join (values (1), (4), (16), (64)) b(days)
                  where c.site_id = '%s' and c.clicks > 0 group by 1, 2, 3""";
        String gaps = kept
                ? "select day, prev_day, posts from post_gap where site_id = '%s' and posts <> 0"
                : """
                  select day, coalesce(prev_day, '-infinity'), count(*) from (
                    select day, lag(day) over (partition by post_hash order by day) prev_day
                    from (select distinct day, post_hash from click_day where site_id = '%s' and clicks > 0) d) g
                  group by 1, 2""";
        String last = kept
                ? "select post_hash, last_day from post_last where site_id = '%s'"
                : "select post_hash, max(day) from click_day where site_id = '%s' and clicks > 0 group by 1";
        StringBuilder out = new StringBuilder();
        for (String sql : List.of(blocks, gaps, last)) {
            List<String> rows = new ArrayList<>(Fixtures.rows(sql.formatted(site)));
            rows.sort(null);
            rows.forEach(r -> out.append(r).append('\n'));
            out.append("--\n");
        }
        return out.toString();
    }
}
