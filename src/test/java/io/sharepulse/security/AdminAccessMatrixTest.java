package io.sharepulse.security;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every admin endpoint against every kind of caller: none, a key of another site, a read key, an admin key of
 * the site, and the operator. Statuses are checked as a table so a change shows as one readable diff.
 */
@QuarkusTest
class AdminAccessMatrixTest {

    static final String PROBLEM = "application/problem+json";

    /** One endpoint: method, path, body; expected statuses for none, other, read, admin, operator. */
    record Endpoint(String method, String path, Object body, int none, int other, int read, int admin, int operator) {
    }

    @Test
    void everyEndpointAgainstEveryCaller() {
        String site = createSite("matrix", List.of("reddit"));
        String other = createSite("matrix-other", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Matrix").getString("post");
        String otherKey = createKey(other, "admin");
        String readKey = createKey(site, "read");
        String adminKey = createKey(site, "admin");
        String siteBody = "{\"name\":\"Renamed\",\"domains\":[\"blog.example\"],\"networks\":[\"reddit\"]}";
        String keyBody = "{\"name\":\"k\",\"role\":\"read\"}";
        String s = "/admin/v1/sites/" + site;

        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", s + "/stats", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s + "/stats?interval=hour&tz=Europe/Berlin", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s + "/networks", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s + "/posts", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s + "/posts/" + post, null, 401, 404, 200, 200, 200),
                new Endpoint("PATCH", s + "/posts/" + post, "{\"title\":\"Matrix\"}", 401, 404, 403, 200, 200),
                new Endpoint("GET", s + "/attribution", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s + "/export.csv", null, 401, 404, 200, 200, 200),
                new Endpoint("GET", s, null, 401, 404, 403, 200, 200),
                new Endpoint("PUT", s, siteBody, 401, 404, 403, 200, 200),
                new Endpoint("GET", s + "/keys", null, 401, 404, 403, 200, 200),
                new Endpoint("POST", s + "/keys", keyBody, 401, 404, 403, 201, 201),
                new Endpoint("DELETE", s + "/keys/000000000000X", null, 401, 404, 403, 404, 404),
                new Endpoint("GET", "/admin/v1/sites", null, 401, 403, 403, 403, 200),
                new Endpoint("POST", "/admin/v1/sites", "{}", 401, 403, 403, 403, 400),
                new Endpoint("POST", "/admin/v1/rollup", null, 401, 403, 403, 403, 200),
                new Endpoint("GET", "/admin/v1/me", null, 401, 200, 200, 200, 200),
                new Endpoint("DELETE", s, null, 401, 404, 403, 403, 204));

        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Endpoint e : endpoints) {
            expected.add(e.method() + " " + e.path() + " " + List.of(e.none(), e.other(), e.read(), e.admin(),
                    e.operator()));
            actual.add(e.method() + " " + e.path() + " " + List.of(
                    call(given(), e), call(as(otherKey), e), call(as(readKey), e), call(as(adminKey), e),
                    call(admin(), e)));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void anotherSitesPathLooksTheSameWhetherOrNotThatSiteExists() {
        String site = createSite("leak", List.of("reddit"));
        String other = createSite("leak-other", List.of("reddit"));
        String key = createKey(site, "admin");
        Response existing = as(key).get("/admin/v1/sites/{s}/stats", other);
        Response missing = as(key).get("/admin/v1/sites/{s}/stats", "no-such-site-at-all");
        assertThat(existing.statusCode()).isEqualTo(HttpStatus.SC_NOT_FOUND);
        assertThat(existing.contentType()).startsWith(PROBLEM);
        assertThat(existing.jsonPath().getMap("").keySet()).isEqualTo(missing.jsonPath().getMap("").keySet());
        assertThat(existing.jsonPath().getString("detail")).isEqualTo(missing.jsonPath().getString("detail"));
        // Dot segments and odd encodings cannot walk out of the key's own site: an encoded slash is refused outright.
        given().header("Authorization", "Bearer " + key).urlEncodingEnabled(false)
                .get("/admin/v1/sites/" + site + "/..%2F" + other + "/stats")
                .then().statusCode(HttpStatus.SC_BAD_REQUEST);
        given().header("Authorization", "Bearer " + key).urlEncodingEnabled(false)
                .get("/admin/v1/sites/" + site + "/../" + other + "/stats")
                .then().statusCode(HttpStatus.SC_NOT_FOUND);
    }

    @Test
    void errorsAreProblemsWithoutInternals() {
        String site = createSite("errs", List.of("reddit"));
        String read = createKey(site, "read");
        for (Response r : List.of(given().get("/admin/v1/sites/{s}/stats", site),
                given().header("Authorization", "Bearer spk_nonsense").get("/admin/v1/sites/{s}/stats", site),
                as(read).get("/admin/v1/sites/{s}/keys", site),
                as(read).body(Map.of()).put("/admin/v1/sites/{s}", site))) {
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.asString()).doesNotContain("Exception").doesNotContain("io.sharepulse");
        }
    }

    private static int call(RequestSpecification request, Endpoint e) {
        RequestSpecification r = request.redirects().follow(false);
        if (e.body() != null) {
            r = r.contentType("application/json").body(e.body());
        }
        return r.request(e.method(), e.path()).statusCode();
    }
}
