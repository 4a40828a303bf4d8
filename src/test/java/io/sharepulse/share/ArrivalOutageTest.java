package io.sharepulse.share;

import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.share.AttributionTest.beacon;
import static io.sharepulse.share.AttributionTest.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.Management;
import io.sharepulse.OwnStores;

/**
 * Redis goes away while readers arrive through tagged links: the report is answered at once without a 5xx, the
 * arrival is dropped and shows in {@code sharepulse_arrivals_total{outcome="dropped"}}, and counting resumes.
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class ArrivalOutageTest {

    static double arrivals(String outcome) {
        return Management.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("sharepulse_arrivals_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
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
