package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
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
class MastodonResourceTest {

    @Test
    void thePickerKnowsThePostAndTheOfficialFallback() {
        String site = createSite("picker", List.of("mastodon"));
        String url = uniquePostUrl();
        String post = share(site, url, "Rock & <Roll>").getString("post");
        String page = given().queryParam("post", post).get("/mastodon")
                .then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .extract().asString();
        String text = ShareTemplate.encode("Rock & <Roll>") + "%20" + ShareTemplate.encode(url);
        assertThat(page).contains("data-path=\"/share?text=" + text + "\"",
                "href=\"https://share.joinmastodon.org/#text=" + text + "\"", "Rock &amp; &lt;Roll&gt;")
                .doesNotContain("<Roll>", "style=");
    }

    @Test
    void unknownPostsAre404() {
        given().queryParam("post", "nosite.0123456789abc").get("/mastodon").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("post", "not a post").get("/mastodon").then().statusCode(404);
        given().get("/mastodon").then().statusCode(404);
    }
}
