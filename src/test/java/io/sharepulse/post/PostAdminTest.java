package io.sharepulse.post;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Title and image squatting (security review, medium 3): whoever registers a page first no longer decides for
 * good what its shares say. A site admin sees, corrects and locks a post's title and image; images come only from
 * the site's domains or its media domains; a browser registers a new page only from one of the site's pages.
 */
@QuarkusTest
class PostAdminTest {

    @Inject
    PostTargets targets;

    static String redirect(String post, String network) {
        return given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                .header("X-Forwarded-For", "192.0.2.201").get("/s/{p}/{n}", post, network)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY).extract().header("Location");
    }

    @Test
    void aSiteAdminCorrectsAndLocksASquattedTitleAndImage() {
        String site = createSite("squat", List.of("reddit", "pinterest"));
        String url = uniquePostUrl();
        // The attacker got there first (a script: no browser headers).
        String post = share(site, url + "?utm_source=x", "Buy pills at evil.example").getString("post");
        String key = createKey(site, "admin");
        as(key).get("/admin/v1/sites/{s}/posts/{p}", site, post).then().statusCode(HttpStatus.SC_OK)
                .body("url", equalTo(url)).body("title", equalTo("Buy pills at evil.example"))
                .body("media", nullValue()).body("locked", equalTo(false));

        as(key).body(Map.of("title", "How we ship", "media", "https://blog.example/img/ship.png", "locked", true))
                .patch("/admin/v1/sites/{s}/posts/{p}", site, post).then().statusCode(HttpStatus.SC_OK)
                .body("title", equalTo("How we ship")).body("media", equalTo("https://blog.example/img/ship.png"))
                .body("locked", equalTo(true)).body("editedAt", notNullValue());

        as(key).get("/admin/v1/sites/{s}/posts/{p}", site, post).then().statusCode(HttpStatus.SC_OK)
                .body("title", equalTo("How we ship")).body("media", equalTo("https://blog.example/img/ship.png"))
                .body("locked", equalTo(true));
        // The next click says what the admin set, on every network; so does the share API.
        assertThat(redirect(post, "reddit")).contains("title=How%20we%20ship").doesNotContain("pills");
        assertThat(redirect(post, "pinterest")).contains("media=https%3A%2F%2Fblog.example%2Fimg%2Fship.png");
        assertThat(share(site, url, "Buy pills again").getString("title")).isEqualTo("How we ship");
        // The copy that redirects readers while Redis is down follows at once.
        assertThat(targets.find(PostId.parse(post).orElseThrow()).orElseThrow().title()).isEqualTo("How we ship");

        // "" (or null) removes the image; fields left out keep their value.
        as(key).body("{\"media\":\"\"}").patch("/admin/v1/sites/{s}/posts/{p}", site, post).then()
                .statusCode(HttpStatus.SC_OK).body("media", nullValue()).body("title", equalTo("How we ship"))
                .body("locked", equalTo(true));
        assertThat(redirect(post, "pinterest")).doesNotContain("ship.png");
    }

    @Test
    void onlyTheSitesAdminMayChangeAPostAndBadChangesAreRefused() {
        String site = createSite("squat-auth", List.of("reddit"));
        String other = createSite("squat-other", List.of("reddit"));
        String post = share(site, uniquePostUrl(), "Original").getString("post");
        String path = "/admin/v1/sites/{s}/posts/{p}";
        as(createKey(site, "read")).body(Map.of("title", "Mine")).patch(path, site, post).then()
                .statusCode(HttpStatus.SC_FORBIDDEN).contentType(PROBLEM);
        as(createKey(other, "admin")).body(Map.of("title", "Mine")).patch(path, site, post).then()
                .statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("title", "Mine")).patch(path, site, post).then()
                .statusCode(HttpStatus.SC_UNAUTHORIZED);
        // Another site's post through this site's address, and posts that do not exist.
        String otherPost = share(other, uniquePostUrl(), "Other").getString("post");
        admin().body(Map.of("title", "Mine")).patch(path, site, otherPost).then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
        admin().body(Map.of("title", "Mine")).patch(path, site, site + ".0000000000000").then()
                .statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        for (String body : List.of("{}", "[]", "{\"url\":\"https://blog.example/x\"}", "{\"locked\":\"yes\"}",
                "{\"title\":5}", "{\"title\":\"" + "t".repeat(301) + "\"}", "{\"media\":\"javascript:alert(1)\"}")) {
            admin().body(body).patch(path, site, post).then().statusCode(HttpStatus.SC_BAD_REQUEST)
                    .contentType(PROBLEM).body(not(containsString("Exception")));
        }
        admin().body(Map.of("media", "https://evil.example/x.png")).patch(path, site, post).then()
                .statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY).contentType(PROBLEM)
                .body("type", equalTo("urn:sharepulse:problem:media-host-not-allowed"));
        admin().get(path, site, post).then().statusCode(HttpStatus.SC_OK).body("title", equalTo("Original"))
                .body("locked", equalTo(false));
    }

    @Test
    void anImageMustBeOnTheSitesDomainsOrItsMediaDomains() {
        String site = createSite("media-hosts", List.of("pinterest"), Map.of("mediaDomains", List.of("cdn.example")));
        given().queryParam("url", uniquePostUrl()).queryParam("media", "https://evil.example/cover.png")
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY)
                .contentType(PROBLEM).body("type", equalTo("urn:sharepulse:problem:media-host-not-allowed"));
        given().queryParam("url", uniquePostUrl()).queryParam("media", "https://cdn.example.evil.example/c.png")
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY);
        for (String media : List.of("https://blog.example/c.png", "https://cdn.example/c.png",
                "https://img.cdn.example/c.png")) {
            given().queryParam("url", uniquePostUrl()).queryParam("media", media)
                    .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK);
        }
        admin().get("/admin/v1/sites/{s}", site).then().body("mediaDomains", equalTo(List.of("cdn.example")));
        admin().body(Map.of("name", "x", "domains", List.of("blog.example"), "mediaDomains", List.of("co.uk")))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_BAD_REQUEST)
                .body("errors[0].field", equalTo("mediaDomains[0]"));
    }

    @Test
    void aBrowserRegistersANewPageOnlyFromThePagesOfTheSite() {
        String site = createSite("first-reg", List.of("reddit"));
        String url = uniquePostUrl();
        // Another site's page makes its readers' browsers ask for our site's page, with a title of its choosing.
        given().header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .queryParam("url", url).queryParam("title", "Squatted").get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_FORBIDDEN).contentType(PROBLEM)
                .body("detail", containsString("site's domains"));
        given().header("Referer", "https://evil.example/page").queryParam("url", url)
                .get("/embed/{s}", site).then().statusCode(HttpStatus.SC_FORBIDDEN).contentType(PROBLEM);
        given().header("Origin", "null").queryParam("url", url).get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_FORBIDDEN);
        given().header("Sec-Fetch-Site", "cross-site").queryParam("url", url).get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_FORBIDDEN);
        // From the blog's own page the page is registered; after that, anybody may ask for it.
        given().header("Origin", "https://blog.example").header("Sec-Fetch-Site", "cross-site")
                .queryParam("url", url).queryParam("title", "The real title").get("/api/v1/sites/{s}/share", site)
                .then().statusCode(HttpStatus.SC_OK).body("title", equalTo("The real title"));
        given().header("Origin", "https://evil.example").queryParam("url", url).queryParam("title", "Squatted")
                .get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK)
                .body("title", equalTo("The real title"));
    }
}
