package io.sharepulse.platform;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.OwnStores;

/**
 * PostgreSQL goes down: clicks and counts go on from Redis, while admin and new-post registration answer 503
 * problem+json with Retry-After; when it is back everything works again without a restart.
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class PostgresOutageTest {

    @Test
    void theSharePathOutlivesPostgresAndAdminRecovers() {
        String site = createSite("pgdown", List.of("reddit"));
        String url = uniquePostUrl();
        String post = share(site, url, "T").getString("post");

        OwnStores.postgres.stop();
        try {
            click(post, "reddit", "192.0.2.1");
            click(post, "reddit", "192.0.2.2");
            given().get("/api/v1/posts/{p}/counts", post).then().statusCode(HttpStatus.SC_OK)
                    .body("networks.reddit", equalTo(2));
            given().queryParam("url", url).get("/api/v1/sites/{s}/share", site).then()
                    .statusCode(HttpStatus.SC_OK).body("total", equalTo(2));

            given().queryParam("url", uniquePostUrl()).get("/api/v1/sites/{s}/share", site).then()
                    .statusCode(HttpStatus.SC_SERVICE_UNAVAILABLE).contentType(PROBLEM)
                    .header("Retry-After", "5").body("status", equalTo(503));
            admin().get("/admin/v1/sites").then()
                    .statusCode(HttpStatus.SC_SERVICE_UNAVAILABLE).contentType(PROBLEM).header("Retry-After", "5");
            io.sharepulse.Management.given().get("/q/health/ready").then().statusCode(HttpStatus.SC_OK)
                    .body("checks.find { it.name == 'postgresql' }.data.state", equalTo("degraded"));
        } finally {
            OwnStores.postgres.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin().get("/admin/v1/sites").statusCode() == HttpStatus.SC_OK);
        given().queryParam("url", uniquePostUrl()).get("/api/v1/sites/{s}/share", site).then()
                .statusCode(HttpStatus.SC_OK).body("post", startsWith(site + "."));
    }
}
