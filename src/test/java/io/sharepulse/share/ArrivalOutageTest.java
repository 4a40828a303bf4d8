package io.sharepulse.share;

import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.share.AttributionTest.beacon;
import static io.sharepulse.share.AttributionTest.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.Management;
import io.sharepulse.OwnStores;

/**
 * The arrival path against a Redis of its own: one round trip per arrival (its command statistics, which no other
 * test touches), and Redis going away while readers arrive through tagged links: the report is answered at once
 * without a 5xx, the arrival is dropped and shows in {@code sharepulse_arrivals_total{outcome="dropped"}}, and
 * counting resumes.
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class ArrivalOutageTest {

    static double arrivals(String outcome) {
        return Management.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("sharepulse_arrivals_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Calls per command since the last CONFIG RESETSTAT, from INFO commandstats. */
    static Map<String, Long> commands() {
        Map<String, Long> out = new TreeMap<>();
        for (String line : OwnStores.redis.cli("info", "commandstats").split("\\R")) {
            if (line.startsWith("cmdstat_")) {
                int calls = line.indexOf("calls=");
                out.put(line.substring(8, line.indexOf(':')),
                        Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls))));
            }
        }
        out.keySet().removeIf(c -> c.startsWith("info") || c.startsWith("config"));
        return out;
    }

    @Test
    void anArrivalIsOneRedisRoundTrip() {
        String site = createSite("arrival-trips", List.of("reddit"));
        String url = uniquePostUrl();
        share(site, url, "Counted once");
        beacon("192.0.2.80").body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site); // salt, script
        OwnStores.redis.cli("config", "resetstat");
        int n = 200;
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            beacon("198.51.100." + (i % 200 + 1))
                    .body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                    .then().statusCode(HttpStatus.SC_NO_CONTENT);
            millis[i] = (System.nanoTime() - start) / 1_000;
        }
        // Redis counts the commands a script runs as well; the service itself sent one EVALSHA per arrival.
        Map<String, Long> sent = commands();
        assertThat(sent).containsEntry("evalsha", (long) n);
        assertThat(sent.keySet()).isSubsetOf("evalsha", "incr", "pexpire", "pttl", "exists", "set", "hincrby",
                "expireat", "zincrby");
        assertThat(sent).containsEntry("zincrby", (long) n); // every one counted: n readers
        Arrays.sort(millis);
        System.out.printf("arrivals: %d sequential reports, p50 %d µs, p99 %d µs (REST Assured round trip)%n", n,
                millis[n / 2], millis[n * 99 / 100]);
    }

    @Test
    void anArrivalWhileRedisIsDownIsDroppedAndMeteredAndThePageIsAnsweredAtOnce() throws Exception {
        String site = createSite("arrival-outage", List.of("reddit"));
        String url = uniquePostUrl();
        share(site, url, "Still here");
        double dropped = arrivals("dropped");
        OwnStores.redis.stop();
        try {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                beacon("192.0.2." + (60 + i)).body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                        .then().statusCode(HttpStatus.SC_NO_CONTENT);
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
            }
            // The widget itself is a static file: the page gets its script whatever Redis does.
            io.restassured.RestAssured.given().get("/widget.js").then().statusCode(HttpStatus.SC_OK);
            assertThat(arrivals("dropped")).isEqualTo(dropped + 5);
        } finally {
            OwnStores.redis.start();
        }
        // Redis came back empty: the post is registered again on its next view, and arrivals count again.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            share(site, url, "Still here");
            double counted = arrivals("counted");
            beacon("192.0.2.70").body(body(url, "reddit")).post("/api/v1/sites/{site}/arrivals", site)
                    .then().statusCode(HttpStatus.SC_NO_CONTENT);
            assertThat(arrivals("counted")).isEqualTo(counted + 1);
        });
    }
}
