package io.sharepulse.platform;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.AfterTestInfra;
import io.sharepulse.OwnStores;
import io.sharepulse.OwnStores.OwnRedis;

/**
 * A Redis that is full ({@code maxmemory} with {@code noeviction}, as our manifests set it) refuses writes. New
 * pages then get a 503 problem+json with Retry-After (not a 500 with a stack trace per request), the refusals are
 * counted in {@code sharepulse_redis_full_total}, and readers who click are still redirected. The Redis is the
 * test's own, with a few megabytes of memory: the shared one is never reconfigured.
 */
@QuarkusTest
@TestProfile(RedisFullTest.Full.class)
class RedisFullTest {

    public static class Full implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SmallRedis.class));
        }
    }

    /** A redis-server of this test's own with 4 MB of memory and no eviction; PostgreSQL stays TestInfra's. */
    public static class SmallRedis extends AfterTestInfra {
        static OwnRedis redis;

        @Override
        public Map<String, String> start() {
            redis = new OwnRedis(OwnStores.freePort(), "--maxmemory", "4mb", "--maxmemory-policy", "noeviction");
            redis.start();
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(),
                    "sharepulse.redis.click-timeout", "2s");
        }

        @Override
        public void stop() {
            if (redis != null) {
                redis.stop();
            }
        }
    }

    /**
     * Fills the Redis until it refuses a write, then lowers its limit (it is this test's own Redis) well under what it
     * holds: a refused command's own buffers are freed after the refusal, and the next small write would fit again.
     */
    static void fill() {
        String block = "x".repeat(100_000); // one command-line argument stays under Linux's 128 KB
        for (int i = 0; i < 200 && !SmallRedis.redis.cli("SET", "filler:" + i, block).contains("OOM"); i++) {
            // keep filling
        }
        String memory = SmallRedis.redis.cli("INFO", "memory");
        long used = Long.parseLong(memory.lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                .orElseThrow().substring("used_memory:".length()).strip());
        SmallRedis.redis.cli("CONFIG", "SET", "maxmemory", Long.toString(used / 2));
        if (!SmallRedis.redis.cli("SET", "filler:probe", "1").contains("OOM")) {
            throw new AssertionError("Redis did not fill up");
        }
    }

    double full() {
        return io.sharepulse.Management.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith("sharepulse_redis_full_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aFullRedisRefusesNewPagesPlainlyAndReadersAreStillRedirected() {
        String site = createSite("full", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Before Redis filled up").getString("post");
        fill();
        double before = full();
        for (int i = 0; i < 3; i++) {
            given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "198.51.100." + (30 + i))
                    .queryParam("url", uniquePostUrl()).get("/api/v1/sites/{s}/share", site).then()
                    .statusCode(HttpStatus.SC_SERVICE_UNAVAILABLE).contentType("application/problem+json")
                    .header("Retry-After", "30").body("status", equalTo(503))
                    .body("type", equalTo("urn:sharepulse:problem:storage-full"))
                    .body(not(containsString("Exception"))).body(not(containsString("OOM")));
        }
        assertThat(full()).isGreaterThanOrEqualTo(before + 3);
        // The click cannot be counted, but the reader goes where they asked.
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "198.51.100.40")
                .get("/s/{p}/reddit", post).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY)
                .header("Location", startsWith("https://www.reddit.com/submit"));
        // Room again: registration works at once.
        SmallRedis.redis.cli("CONFIG", "SET", "maxmemory", "64mb");
        share(site, uniquePostUrl(), "After").getString("post");
    }
}
