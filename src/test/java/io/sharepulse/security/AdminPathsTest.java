package io.sharepulse.security;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Management;

/** Admin paths as the filter and the router both see them, and as the HTTP metrics record them. */
@QuarkusTest
class AdminPathsTest {

    @Test
    void anEncodedSlashInAnAdminPathIsRefused() {
        String site = createSite("slash", List.of("reddit"));
        String key = createKey(site, "read");
        for (String path : List.of("/admin/v1/sites/" + site + "%2Fkeys", "/admin/v1/sites/" + site + "%2fstats",
                "/admin/v1/sites%2F" + site + "/stats", "/admin/v1/sites/" + site + "/%5Cstats")) {
            given().urlEncodingEnabled(false).header("Authorization", "Bearer " + key).get(path).then()
                    .statusCode(HttpStatus.SC_BAD_REQUEST).contentType("application/problem+json")
                    .body("type", equalTo("urn:sharepulse:problem:encoded-separator"));
        }
        as(key).get("/admin/v1/sites/{s}/stats", site).then().statusCode(HttpStatus.SC_OK);
    }

    /** The distinct uri tags of http_server_requests with this status. */
    static Set<String> uriTags(int status) {
        Set<String> uris = new TreeSet<>();
        Pattern series = Pattern.compile("http_server_requests_seconds_count\\{([^}]*)\\}");
        for (String line : Management.given().get("/q/metrics").asString().lines().toList()) {
            Matcher m = series.matcher(line);
            if (m.lookingAt() && m.group(1).contains("status=\"" + status + "\"")) {
                Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(m.group(1));
                if (uri.find()) {
                    uris.add(uri.group(1));
                }
            }
        }
        return uris;
    }

    @Test
    void refusedAdminRequestsDoNotTagTheMetricsWithTheirPaths() {
        for (int i = 0; i < 120; i++) {
            given().get("/admin/v1/made-up-" + i + "/path").then().statusCode(HttpStatus.SC_UNAUTHORIZED);
        }
        given().header("Authorization", "Bearer spk_0000000000000_" + "a".repeat(43)).get("/admin/v1/sites/x/stats")
                .then().statusCode(HttpStatus.SC_UNAUTHORIZED);
        assertThat(uriTags(401)).allSatisfy(uri -> assertThat(uri).doesNotContain("made-up"))
                .hasSizeLessThanOrEqualTo(2);
    }
}
