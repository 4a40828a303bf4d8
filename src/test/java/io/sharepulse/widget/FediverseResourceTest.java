package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.network.ShareTemplate;

@QuarkusTest
class FediverseResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void thePickerKnowsThePostEverySoftwaresShareFormAndTheFallback() {
        String site = createSite("picker", List.of("mastodon", "misskey", "lemmy", "fediverse"));
        String url = uniquePostUrl();
        String post = share(site, url, "Rock & <Roll>").getString("post");
        String page = given().queryParam("post", post).queryParam("network", "mastodon").get("/fediverse")
                .then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .extract().asString();
        String title = ShareTemplate.encode("Rock & <Roll>");
        // The servers get the page tagged with the picker's network (?sp=mastodon), as the redirect tags others.
        String link = ShareTemplate.encode(url + "?sp=mastodon");
        String text = title + "%20" + link;
        assertThat(page).contains("data-network=\"mastodon\"",
                "value=\"mastodon\" data-path=\"/share?text=" + text + "\"",
                "value=\"misskey\" data-path=\"/share?text=" + title + "&amp;url=" + link + "\"",
                "value=\"lemmy\" data-path=\"/create_post?url=" + link + "&amp;title=" + title + "\"",
                "value=\"other\" data-href=\"https://s2f.kytta.dev/?text=" + text + "\"",
                "href=\"https://share.joinmastodon.org/#text=" + text + "\"", "Rock &amp; &lt;Roll&gt;")
                .doesNotContain("<Roll>", "style=", "value=\"fediverse\"");

        // The generic button preselects nothing (the reader's last choice does) and falls back to Share₂Fedi.
        String generic = given().queryParam("post", post).get("/fediverse").then().statusCode(HttpStatus.SC_OK)
                .extract().asString();
        assertThat(generic).contains("data-network=\"\"", "href=\"https://s2f.kytta.dev/?text=" + title + "%20"
                + ShareTemplate.encode(url + "?sp=fediverse") + "\"");
        assertThat(given().queryParam("post", post).queryParam("network", "lemmy").get("/fediverse").then()
                .statusCode(HttpStatus.SC_OK).extract().asString()).contains("data-network=\"lemmy\"");
    }

    @Test
    void theMastodonPickersOldAddressMovedHere() {
        String site = createSite("oldpicker", List.of("mastodon"));
        String post = share(site, uniquePostUrl(), "Old link").getString("post");
        given().redirects().follow(false).queryParam("post", post).get("/mastodon")
                .then().statusCode(HttpStatus.SC_MOVED_PERMANENTLY)
                .header("Location", "/fediverse?post=" + post + "&network=mastodon");
        given().queryParam("post", "not a post").get("/mastodon").then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType(PROBLEM);
    }

    @Test
    void unknownPostsAndNetworksThatAreNoFediverseAre404() {
        given().queryParam("post", "nosite.0123456789abc").get("/fediverse").then()
                .statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        given().queryParam("post", "not a post").get("/fediverse").then().statusCode(HttpStatus.SC_NOT_FOUND);
        given().get("/fediverse").then().statusCode(HttpStatus.SC_NOT_FOUND);
        String site = createSite("notfedi", List.of("reddit"));
        String post = newPost(site);
        for (String network : List.of("reddit", "nowhere", "qr")) {
            given().queryParam("post", post).queryParam("network", network).get("/fediverse").then()
                    .statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        }
    }
}
