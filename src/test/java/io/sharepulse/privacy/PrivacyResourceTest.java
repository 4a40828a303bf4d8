package io.sharepulse.privacy;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PrivacyResourceTest {

    @Test
    void statesTheLiveRetentionAndDedupeSettings() {
        given().get("/privacy").then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(allOf(containsString("400 days"), containsString("8 days"), containsString("48 hours"),
                        containsString("30 minutes"), containsString("never stored"),
                        containsString("Global Privacy Control</em>, no hash is computed"),
                        containsString("It is never sent to this service")));
    }

    @Test
    void theAttributionTagIsExplainedAndASiteWithoutItSaysSo() {
        given().get("/privacy").then().statusCode(HttpStatus.SC_OK)
                .body(allOf(containsString("<code>?sp=reddit</code>"), containsString("remove the tag"),
                        containsString("nothing about you"), containsString("device class"),
                        not(containsString("carry no tag"))));
        String site = createSite("privacy-untagged", List.of("reddit"), Map.of("tagLinks", false));
        given().queryParam("site", site).get("/privacy").then().statusCode(HttpStatus.SC_OK)
                .body(allOf(containsString("carry no tag"), not(containsString("<code>?sp=reddit</code>"))));
    }

    @Test
    void aSitesOwnSettingsAreStatedForIt() {
        String site = createSite("privacy", List.of("reddit"), Map.of("dedupeMinutes", 10, "honourDnt", false));
        given().queryParam("site", site).get("/privacy").then().statusCode(HttpStatus.SC_OK)
                .body(allOf(containsString("10 minutes"), containsString("does not act on"),
                        not(containsString("30 minutes"))));
    }

    @Test
    void durationsInWords() {
        Assertions.assertThat(PrivacyResource.words(Duration.ofDays(400))).isEqualTo("400 days");
        Assertions.assertThat(PrivacyResource.words(Duration.ofHours(48))).isEqualTo("48 hours");
        Assertions.assertThat(PrivacyResource.words(Duration.ofMinutes(1))).isEqualTo("1 minute");
        Assertions.assertThat(PrivacyResource.words(Duration.ofSeconds(90))).isEqualTo("90 seconds");
    }
}
