package io.sharepulse.network;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NetworkResourceTest {

    @Test
    void listsLiveAndRetiredNetworks() {
        given().get("/api/v1/networks").then().statusCode(HttpStatus.SC_OK)
                .header("Access-Control-Allow-Origin", "*")
                .body("size()", greaterThanOrEqualTo(40))
                .body("id", hasItems("reddit", "bluesky", "mastodon", "delicious", "technorati", "googlebookmarks"))
                .body("find { it.id == 'delicious' }.name", equalTo("del.icio.us"))
                .body("find { it.id == 'delicious' }.status", equalTo("retired"))
                .body("find { it.id == 'delicious' }.retired", equalTo("2017-06-15"))
                .body("find { it.id == 'delicious' }.successor", equalTo("pinboard"))
                .body("find { it.id == 'reddit' }.template",
                        equalTo("https://www.reddit.com/submit?url={url}&title={title}"));
    }

    @Test
    void oneNetworkByIdOrAlias() {
        given().get("/api/v1/networks/twitter").then().statusCode(HttpStatus.SC_OK).body("id", equalTo("x"));
        given().get("/api/v1/networks/friendster").then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType("application/problem+json");
    }
}
