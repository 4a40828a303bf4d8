package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ShareResourceTest {

    @Test
    void oneDocumentHasThePostLinksAndCounts() {
        String site = createSite("share", List.of("reddit", "delicious", "technorati", "copy"));
        String url = uniquePostUrl();
        JsonPath doc = share(site, url + "?utm_source=feed#top", "Neural Networks: a rut");

        String post = doc.getString("post");
        assertThat(post).startsWith(site + ".");
        assertThat(doc.getString("url")).isEqualTo(url);
        assertThat(doc.getString("title")).isEqualTo("Neural Networks: a rut");
        assertThat(doc.getLong("total")).isZero();
        assertThat(doc.getList("links.network")).containsExactly("reddit", "delicious", "technorati", "copy");

        assertThat(doc.getString("links[0].name")).isEqualTo("Reddit");
        assertThat(doc.getString("links[0].href")).endsWith("/s/" + post + "/reddit");
        assertThat(doc.getString("links[0].share")).startsWith("https://www.reddit.com/submit?url=https%3A%2F%2F")
                .endsWith("&title=Neural%20Networks%3A%20a%20rut");
        // del.icio.us went to Pinboard; Technorati has no successor; copy is a widget action.
        assertThat(doc.getString("links[1].status")).isEqualTo("retired");
        assertThat(doc.getString("links[1].successor")).isEqualTo("pinboard");
        assertThat(doc.getString("links[1].share")).startsWith("https://pinboard.in/add?url=");
        assertThat(doc.getString("links[2].share")).isNull();
        assertThat(doc.getString("links[2].href")).endsWith("/technorati");
        assertThat(doc.getString("links[3].href")).isNull();
        assertThat(doc.getString("links[3].kind")).isEqualTo("action");
    }

    @Test
    void eachButtonCarriesItsAccessibleNameIconAndColours() {
        String site = createSite("icons", List.of("reddit", "x", "delicious", "technorati", "copy"));
        JsonPath doc = share(site, uniquePostUrl(), "T");
        assertThat(doc.getString("theme")).isEqualTo("auto");
        assertThat(doc.getList("links.label")).containsExactly("Share on Reddit", "Share on X (Twitter)",
                "Share on Pinboard (del.icio.us has closed)", "Technorati has closed", "Copy link");
        assertThat(doc.getList("links.icon", String.class)).allSatisfy(icon -> assertThat(icon).startsWith("M"));
        assertThat(doc.getString("links[0].color")).isEqualTo("#FF4500");
        assertThat(doc.getString("links[1].color")).isEqualTo("#000000");
        assertThat(doc.getMap("links[1]")).doesNotContainKey("colorDark"); // black mark: text colour when dark
        assertThat(doc.getMap("links[3]")).doesNotContainKey("color"); // a neutral glyph takes the text colour
    }

    @Test
    void anUnchangedAnswerRevalidatesWithoutABodyAndAClickChangesIt() {
        String site = createSite("etag", List.of("reddit"));
        String url = uniquePostUrl();
        String etag = given().queryParam("url", url).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK).header("Cache-Control", "public, max-age=15").extract().header("ETag");
        assertThat(etag).startsWith("W/\"");
        given().queryParam("url", url).header("If-None-Match", etag).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_NOT_MODIFIED).header("ETag", etag);
        click(share(site, url, "T").getString("post"), "reddit", "192.0.2.44");
        given().queryParam("url", url).header("If-None-Match", etag).get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK).body("links[0].count", equalTo(1));
    }

    @Test
    void theSamePageUnderAnotherSpellingIsTheSamePost() {
        String site = createSite("spelling", List.of("reddit"));
        String url = uniquePostUrl();
        String a = share(site, url, "T").getString("post");
        String b = share(site, url.replace("https://blog.example", "https://BLOG.example:443") + "?fbclid=1#x", "T")
                .getString("post");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void countsMoveWithClicks() {
        String site = createSite("moving", List.of("reddit", "x"));
        String url = uniquePostUrl();
        String post = share(site, url, "T").getString("post");
        click(post, "reddit", "198.51.100.1");
        click(post, "reddit", "198.51.100.2");
        click(post, "x", "198.51.100.3");
        JsonPath doc = share(site, url, "T");
        assertThat(doc.getLong("total")).isEqualTo(3);
        assertThat(doc.getLong("links.find { it.network == 'reddit' }.count")).isEqualTo(2);
        assertThat(doc.getLong("links.find { it.network == 'x' }.count")).isEqualTo(1);
    }

    @Test
    void aHostTheSiteDoesNotOwnIs422() {
        String site = createSite("foreign", List.of("reddit"));
        given().queryParam("url", "https://evil.example/phish").queryParam("title", "Win")
                .get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY).contentType(PROBLEM)
                .body("type", equalTo("urn:sharepulse:problem:host-not-allowed"));
        // A look-alike suffix is not a subdomain.
        given().queryParam("url", "https://evilblog.example/p").get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY);
        given().queryParam("url", "https://sub.blog.example/p").get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_UNPROCESSABLE_ENTITY);
    }

    @Test
    void subdomainsCountWhenTheSiteSaysSo() {
        String site = createSite("subs", List.of("reddit"), Map.of("includeSubdomains", true));
        given().queryParam("url", "https://news.blog.example/p").get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK);
    }

    @Test
    void badInputIs400AndUnknownSite404() {
        String site = createSite("badinput", List.of("reddit"));
        given().get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
        given().queryParam("url", "javascript:alert(1)").get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body("detail", containsString("http"));
        given().queryParam("url", uniquePostUrl()).queryParam("title", "x".repeat(301))
                .get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).body("detail", containsString("300"));
        given().queryParam("url", uniquePostUrl()).get("/api/v1/sites/{site}/share", "no-such-site")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        given().queryParam("url", uniquePostUrl()).get("/api/v1/sites/{site}/share", "../../etc")
                .then().statusCode(HttpStatus.SC_NOT_FOUND);
    }

    @Test
    void openToEveryOriginAndBrieflyCacheable() {
        String site = createSite("cors", List.of("reddit"));
        given().header("Origin", "https://blog.example").queryParam("url", uniquePostUrl())
                .get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=15")
                .header("Set-Cookie", nullValue());
    }

    @Test
    void theFirstTitleStaysWhateverLaterCallersSend() {
        String site = createSite("firsttitle", List.of("reddit"));
        String url = uniquePostUrl();
        share(site, url, "The real title");
        JsonPath spoofed = share(site, url, "BUY CHEAP PILLS");
        assertThat(spoofed.getString("title")).isEqualTo("The real title");
        assertThat(spoofed.getString("links[0].share")).endsWith("title=The%20real%20title");
    }

    @Test
    void titlesAreCleanedOfControlAndBidiCharacters() {
        String site = createSite("cleantitle", List.of("reddit"));
        JsonPath doc = share(site, uniquePostUrl(), "  A\ttitle\r\nwith\u202Econtrols  ");
        assertThat(doc.getString("title")).isEqualTo("A title withcontrols");
    }

    @Test
    void smallCountsAreHiddenWhenTheSiteAsks() {
        String site = createSite("mincount", List.of("reddit", "x"), Map.of("minCount", 2));
        String url = uniquePostUrl();
        String post = share(site, url, "T").getString("post");
        click(post, "reddit", "198.51.100.10");
        click(post, "reddit", "198.51.100.11");
        click(post, "x", "198.51.100.12");
        JsonPath doc = share(site, url, "T");
        assertThat(doc.getLong("links.find { it.network == 'reddit' }.count")).isEqualTo(2);
        assertThat(doc.getMap("links.find { it.network == 'x' }")).doesNotContainKey("count");
        assertThat(doc.getLong("total")).isEqualTo(3);

        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .body("networks.reddit", equalTo(2)).body("networks.x", nullValue())
                .body("total", equalTo(3));
    }
}
