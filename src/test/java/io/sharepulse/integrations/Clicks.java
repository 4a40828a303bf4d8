package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;

import org.apache.http.HttpStatus;

/** What the public counts API says a post's button was clicked, as a blogger's readers would see it. */
final class Clicks {

    private Clicks() {
    }

    /** The post's count for one network, or null while that button has no click. */
    static Integer of(String post, String network) {
        return given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK).extract()
                .path("networks." + network);
    }
}
