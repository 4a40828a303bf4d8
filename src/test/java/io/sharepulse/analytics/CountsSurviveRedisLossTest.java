package io.sharepulse.analytics;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.TestInfra;
import io.sharepulse.platform.RedisKeys;

/**
 * A blog's bar keeps its numbers when Redis loses everything: the post comes back from PostgreSQL with its
 * all-time counts from the rolled-up history, and counting goes on from there.
 */
@QuarkusTest
class CountsSurviveRedisLossTest {

    @Inject
    ClickRollup rollup;

    @Inject
    RedisKeys keys;

    @Test
    void theBarShowsItsHistoryAfterRedisLostThePost() {
        MutableClock clock = new MutableClock(Instant.now().minus(3, ChronoUnit.DAYS));
        QuarkusMock.installMockForType(clock, Clock.class);
        String site = createSite("survive", List.of("reddit", "x"));
        String post = share(site, uniquePostUrl(), "Old favourite").getString("post");
        click(post, "reddit", "198.51.100.1");
        click(post, "reddit", "198.51.100.2");
        click(post, "x", "198.51.100.3");
        clock.set(Instant.now());
        rollup.run();

        TestInfra.deleteKeys(keys.site(site) + "*"); // Redis restarted empty

        given().get("/api/v1/posts/{p}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .body("networks.reddit", equalTo(2)).body("networks.x", equalTo(1)).body("total", equalTo(3));
        click(post, "reddit", "198.51.100.4");
        given().get("/api/v1/posts/{p}/counts", post).then().body("networks.reddit", equalTo(3));
    }
}
