package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.post.PostId;

/**
 * Many addresses together cannot store pages on a site without end: past the site's hourly ceiling of new posts
 * every client gets 429, pages already known keep answering, and other sites are not affected.
 */
@QuarkusTest
@TestProfile(SiteCeilingTest.Ceiling.class)
class SiteCeilingTest {

    public static class Ceiling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sharepulse.limits.site-registrations-per-hour", "5");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    static io.restassured.response.Response register(String site, String url, int client) {
        return given().header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "203.0.113." + client)
                .queryParam("url", url).get("/api/v1/sites/{s}/share", site);
    }

    double refused(String reason) {
        return io.sharepulse.Management.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("sharepulse_registrations_refused_total{") && l.contains("\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void pastTheCeilingNoClientAddsAPage() {
        String site = createSite("ceiling", List.of("reddit"));
        String first = uniquePostUrl();
        String post = register(site, first, 1).then().statusCode(HttpStatus.SC_OK).extract().path("post");
        for (int client = 2; client <= 5; client++) {
            register(site, uniquePostUrl(), client).then().statusCode(HttpStatus.SC_OK);
        }
        double before = refused("site-limit");
        register(site, uniquePostUrl(), 6).then().statusCode(HttpStatus.SC_TOO_MANY_REQUESTS)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("This site may get 5 new pages"));
        assertThat(refused("site-limit")).isEqualTo(before + 1);

        // A known page answers; one that left Redis unclicked comes back without counting as new.
        register(site, first, 7).then().statusCode(HttpStatus.SC_OK).body("post", equalTo(post));
        redis.key().del(keys.post(site, PostId.parse(post).orElseThrow().hash()));
        register(site, first, 8).then().statusCode(HttpStatus.SC_OK).body("post", equalTo(post));
        // Another site has a ceiling of its own.
        String other = createSite("ceiling-other", List.of("reddit"));
        register(other, uniquePostUrl(), 9).then().statusCode(HttpStatus.SC_OK);
    }
}
