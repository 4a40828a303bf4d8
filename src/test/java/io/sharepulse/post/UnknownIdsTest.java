package io.sharepulse.post;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.createSite;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.site.SiteRequest;

/**
 * Ids nobody registered are remembered as unknown for a few seconds: a link to a post that does not exist, clicked
 * again and again, costs PostgreSQL one look-up, not one transaction a click.
 */
@QuarkusTest
class UnknownIdsTest {

    @Inject
    AgroalDataSource dataSource;

    long connectionsTaken() {
        return dataSource.getMetrics().acquireCount();
    }

    @Test
    void repeatedClicksOnAPostNobodyRegisteredAskPostgresOnce() {
        String site = createSite("unknown-ids", List.of("reddit"));
        String missing = PostId.derive(site, "https://blog.example/never-registered").value();
        long before = connectionsTaken();
        for (int i = 0; i < 20; i++) {
            given().redirects().follow(false).header("User-Agent", BROWSER_UA).get("/s/{p}/reddit", missing)
                    .then().statusCode(HttpStatus.SC_NOT_FOUND);
            given().get("/api/v1/posts/{p}/counts", missing).then().statusCode(HttpStatus.SC_NOT_FOUND);
        }
        // One look-up (two if a refresh of the site's snapshot falls in between); 40 without the memory.
        assertThat(connectionsTaken() - before).isBetween(1L, 3L);
        // Once the page is registered, its links work at once: the memory of it being unknown is dropped.
        given().queryParam("url", "https://blog.example/never-registered").get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_OK).body("post", org.hamcrest.Matchers.equalTo(missing));
        given().get("/api/v1/posts/{p}/counts", missing).then().statusCode(HttpStatus.SC_OK);
    }

    @Test
    void repeatedRequestsForASiteNobodyCreatedAskPostgresOnce() {
        String missing = "no-such-site-" + System.nanoTime() % 100_000;
        assertThat(SiteRequest.ID.matcher(missing).matches()).isTrue();
        long before = connectionsTaken();
        for (int i = 0; i < 20; i++) {
            given().queryParam("url", "https://blog.example/x").get("/api/v1/sites/{s}/share", missing)
                    .then().statusCode(HttpStatus.SC_NOT_FOUND);
            given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                    .get("/s/{p}/reddit", PostId.derive(missing, "https://blog.example/x").value())
                    .then().statusCode(HttpStatus.SC_NOT_FOUND);
        }
        assertThat(connectionsTaken() - before).isBetween(1L, 3L);
    }
}
