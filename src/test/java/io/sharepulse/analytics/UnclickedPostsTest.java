package io.sharepulse.analytics;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Fixtures;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;

/**
 * Pages nobody shares do not stay forever: the rollup removes the PostgreSQL rows (and any Redis hash without a
 * count) of posts never clicked once their unclicked lifetime (7 days) lies in rolled-up history, and keeps every
 * post that was clicked, or registered recently.
 */
@QuarkusTest
class UnclickedPostsTest {

    @Inject
    ClickRollup rollup;

    @Inject
    PostRepository posts;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    boolean inPostgres(String post) {
        return posts.findLive(PostId.parse(post).orElseThrow()).isPresent();
    }

    String redisKey(String site, String post) {
        return keys.post(site, PostId.parse(post).orElseThrow().hash());
    }

    @Test
    void theRollupRemovesPostsNobodyClickedAndKeepsTheRest() {
        MutableClock clock = MutableClock.installNow();
        clock.set(Instant.now().minus(10, ChronoUnit.DAYS));
        String site = createSite("unclicked", List.of("reddit"));
        String neverUrl = uniquePostUrl();
        String never = share(site, neverUrl, "Nobody shared this").getString("post");
        // A post whose title an admin set and locked stays: registered again, anybody could choose it anew.
        String locked = share(site, uniquePostUrl(), "Squatted").getString("post");
        Fixtures.admin().body(java.util.Map.of("title", "Set by the admin", "locked", true))
                .patch("/admin/v1/sites/{s}/posts/{p}", site, locked).then().statusCode(200);
        String clicked = share(site, uniquePostUrl(), "Shared once").getString("post");
        click(clicked, "reddit", "198.51.100.20");
        // Counted in Redis (a day the rollup missed, or a hash from before posts expired), never rolled up.
        String countedInRedis = share(site, uniquePostUrl(), "Counted in Redis only").getString("post");
        redis.hash(Long.class).hset(redisKey(site, countedInRedis), "c:reddit", 3L);
        clock.set(Instant.now().minus(2, ChronoUnit.DAYS));
        String recent = share(site, uniquePostUrl(), "Registered two days ago").getString("post");
        clock.set(Instant.now());

        ClickRollup.Report report = rollup.run();

        assertThat(report.forgottenPosts()).isGreaterThanOrEqualTo(1);
        assertThat(inPostgres(never)).isFalse();
        assertThat(redis.key().exists(redisKey(site, never))).isFalse();
        assertThat(inPostgres(clicked)).isTrue();
        assertThat(inPostgres(countedInRedis)).isTrue();
        assertThat(redis.key().exists(redisKey(site, countedInRedis))).isTrue();
        assertThat(inPostgres(recent)).isTrue();
        assertThat(inPostgres(locked)).isTrue();
        assertThat(redis.key().exists(redisKey(site, locked))).isTrue();
        given().get("/api/v1/posts/{p}/counts", clicked).then().statusCode(200).body("networks.reddit", equalTo(1));

        // Shown again, the page is registered again under the same id.
        assertThat(share(site, neverUrl, "Nobody shared this").getString("post")).isEqualTo(never);
        assertThat(inPostgres(never)).isTrue();
    }
}
