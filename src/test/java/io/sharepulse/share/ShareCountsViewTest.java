package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BLOG_DOMAIN;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The page-view path: a lean answer per page view, and the site's bar once per browser. */
@QuarkusTest
class ShareCountsViewTest {

    @Inject
    ObjectMapper json;

    private static Response lean(String site, String url) {
        return given().queryParam("view", "counts").queryParam("url", url).queryParam("title", "A post")
                .get("/api/v1/sites/{site}/share", site);
    }

    @Test
    void aPageViewGetsItsCountsAndWhereTheBarIsInUnderAKilobyte() {
        String site = createSite("lean", List.of("reddit", "x", "delicious", "email", "copy", "print"));
        String url = uniquePostUrl();
        String post = lean(site, url).then().statusCode(HttpStatus.SC_OK).extract().path("post");
        click(post, "reddit", "192.0.2.61");
        click(post, "reddit", "192.0.2.62");
        click(post, "x", "192.0.2.63");

        Response answer = lean(site, url);
        answer.then().statusCode(HttpStatus.SC_OK).header("Cache-Control", "public, max-age=15")
                .header("Access-Control-Allow-Origin", "*");
        JsonPath doc = answer.jsonPath();
        assertThat(doc.getString("post")).isEqualTo(post);
        assertThat(doc.getString("url")).isEqualTo(url);
        assertThat(doc.getString("title")).isEqualTo("A post");
        assertThat(doc.getLong("total")).isEqualTo(3);
        assertThat(doc.getMap("counts", String.class, Integer.class)).containsExactly(Map.entry("reddit", 2),
                Map.entry("x", 1));
        assertThat(doc.getString("bar")).matches("/api/v1/sites/" + site + "/bar/[A-Za-z0-9_-]{12}");
        // What a repeat page view costs: this answer, uncompressed, for a post with counts on six buttons.
        assertThat(answer.asByteArray().length).isLessThan(1024);
        assertThat(answer.asString()).doesNotContain("icon").doesNotContain("Reddit");
    }

    @Test
    void theLeanAnswerIsWrittenByteForByteAsTheObjectMapperWritesIt() throws Exception {
        // The route streams the document itself (cheaper); JAX-RS answers the same view for HEAD and odd site ids.
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("reddit", 2L);
        counts.put("x", 1L);
        for (ShareCounts doc : List.of(
                new ShareCounts("s.abc", "https://blog.example/p?q=1&r=\"2\"", "Ünïcode \"quotes\" </script>", 3L,
                        counts, "/api/v1/sites/s/bar/abc"),
                new ShareCounts("s.abc", "https://blog.example/p", null, null, Map.of(), "/bar"),
                new ShareCounts("s.abc", null, null, null, null, null))) {
            assertThat(new String(ShareCountsRoute.write(json.getFactory(), doc), StandardCharsets.UTF_8))
                    .isEqualTo(json.writeValueAsString(doc));
        }
    }

    @Test
    void theBarHoldsWhatEveryPageOfTheSiteShowsAndIsKeptForAYear() {
        String site = createSite("bar", List.of("reddit", "delicious", "technorati", "copy"));
        String bar = lean(site, uniquePostUrl()).then().statusCode(HttpStatus.SC_OK).extract().path("bar");
        // Another post of the same site names the same bar: the browser asks for it once.
        assertThat((String) lean(site, uniquePostUrl()).path("bar")).isEqualTo(bar);

        Response answer = given().get(bar);
        answer.then().statusCode(HttpStatus.SC_OK).header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Access-Control-Allow-Origin", "*");
        JsonPath doc = answer.jsonPath();
        assertThat(doc.getString("theme")).isEqualTo("auto");
        assertThat(doc.getList("links.network")).containsExactly("reddit", "delicious", "technorati", "copy");
        assertThat(doc.getList("links.label")).containsExactly("Share on Reddit",
                "Share on Pinboard (del.icio.us has closed)", "Technorati has closed", "Copy link");
        // Retired networks have no kind of their own: their button links to our redirect like any link.
        assertThat(doc.getList("links.kind")).containsExactly("link", null, null, "action");
        assertThat(doc.getList("links.icon", String.class)).allSatisfy(icon -> assertThat(icon).startsWith("M"));
        assertThat(doc.getString("links[0].color")).isEqualTo("#FF4500");
        // Nothing of any post: no links, no counts.
        assertThat(answer.asString()).doesNotContain("/s/").doesNotContain("count").doesNotContain(BLOG_DOMAIN);

        String etag = answer.header("ETag");
        given().header("If-None-Match", etag).get(bar).then().statusCode(HttpStatus.SC_NOT_MODIFIED);
    }

    @Test
    void editingTheSiteNamesANewBarAndTheOldAddressIsKeptOnlyBriefly() {
        String site = createSite("baredit", List.of("reddit", "x"));
        String url = uniquePostUrl();
        String before = lean(site, url).path("bar");
        admin().body(Map.of("name", "Renamed", "domains", List.of(BLOG_DOMAIN), "networks", List.of("x", "email"),
                "theme", "dark")).put("/admin/v1/sites/{id}", site).then().statusCode(HttpStatus.SC_OK);

        String after = lean(site, url).path("bar");
        assertThat(after).isNotEqualTo(before);
        given().get(after).then().statusCode(HttpStatus.SC_OK).body("theme", equalTo("dark"))
                .body("links.network", equalTo(List.of("x", "email")));
        // A page that read the old answer a moment ago still gets the current buttons, not cached for a year.
        given().get(before).then().statusCode(HttpStatus.SC_OK).header("Cache-Control", "public, max-age=60")
                .body("links.network", equalTo(List.of("x", "email")));
    }

    @Test
    void aPageViewedBeforeIsCheckedAfreshWhenItsSiteChanges() {
        String site = createSite("leanrecheck", List.of("reddit"), Map.of("domains", List.of(BLOG_DOMAIN,
                "other.example")));
        String url = "https://other.example/posts/" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            lean(site, url).then().statusCode(HttpStatus.SC_OK);
        }
        admin().body(Map.of("name", "Narrowed", "domains", List.of(BLOG_DOMAIN), "networks", List.of("reddit")))
                .put("/admin/v1/sites/{id}", site).then().statusCode(HttpStatus.SC_OK);
        lean(site, url).then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY).contentType(PROBLEM)
                .body("type", endsWith("host-not-allowed"));
    }

    @Test
    void anUnchangedPageViewRevalidatesWithoutABody() {
        String site = createSite("lean304", List.of("reddit"));
        String url = uniquePostUrl();
        String etag = lean(site, url).then().statusCode(HttpStatus.SC_OK).extract().header("ETag");
        given().queryParam("view", "counts").queryParam("url", url).queryParam("title", "A post")
                .header("If-None-Match", etag).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_NOT_MODIFIED);
        click(lean(site, url).path("post"), "reddit", "192.0.2.64");
        given().queryParam("view", "counts").queryParam("url", url).queryParam("title", "A post")
                .header("If-None-Match", etag).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK).body("counts.reddit", equalTo(1));
    }

    @Test
    void smallCountsStayHiddenInTheLeanAnswer() {
        String site = createSite("leanmin", List.of("reddit", "x"), Map.of("minCount", 2));
        String url = uniquePostUrl();
        String post = lean(site, url).path("post");
        click(post, "reddit", "198.51.100.20");
        click(post, "reddit", "198.51.100.21");
        click(post, "x", "198.51.100.22");
        JsonPath doc = lean(site, url).jsonPath();
        assertThat(doc.getMap("counts")).containsOnlyKeys("reddit");
        assertThat(doc.getLong("total")).isEqualTo(3);
    }

    @Test
    void badInputOnThePageViewPathGetsTheSameProblemsAsTheFullView() {
        String site = createSite("leanerr", List.of("reddit"));
        for (String view : List.of("full", "counts")) {
            given().queryParam("view", view).queryParam("url", uniquePostUrl()).get("/api/v1/sites/{site}/share",
                    "no-such-site-xyz").then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM)
                    .body("type", endsWith("unknown-site"));
            given().queryParam("view", view).queryParam("url", "https://elsewhere.example/p")
                    .get("/api/v1/sites/{site}/share", site)
                    .then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY).contentType(PROBLEM)
                    .body("type", endsWith("host-not-allowed"));
            given().queryParam("view", view).get("/api/v1/sites/{site}/share", site)
                    .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
            given().queryParam("view", view).queryParam("url", uniquePostUrl()).queryParam("title", "x".repeat(301))
                    .get("/api/v1/sites/{site}/share", site)
                    .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                    .body("type", endsWith("invalid-title"));
        }
    }

    @Test
    void aSiteIdThatNeedsDecodingIsAnsweredTheSame() {
        given().queryParam("view", "counts").queryParam("url", uniquePostUrl())
                .get("/api/v1/sites/{site}/share", "no such site")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
    }

    @Test
    void anUnknownViewIs400AndAnUnknownSitesBar404() {
        String site = createSite("leanbad", List.of("reddit"));
        given().queryParam("view", "icons").queryParam("url", uniquePostUrl()).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body("type", endsWith("invalid-view"));
        given().get("/api/v1/sites/{site}/bar/{version}", "no-such-site-xyz", "abcdefabcdef")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
    }
}
