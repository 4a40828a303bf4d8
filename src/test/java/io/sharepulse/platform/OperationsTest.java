package io.sharepulse.platform;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Fixtures;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessAndWellnessCoverRedisAndPostgres() {
        io.sharepulse.Management.given().get("/q/health/ready").then().statusCode(HttpStatus.SC_OK)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("redis", "postgresql"))
                .body("checks.data.state", everyItem(equalTo("up")));
        io.sharepulse.Management.given().get("/q/health/well").then().statusCode(HttpStatus.SC_OK)
                .body("checks.name", hasItems("redis", "postgresql"));
    }

    @Test
    void metricsCountClicksByNetworkAndOutcome() {
        String site = createSite("metrics", List.of("reddit"));
        String post = newPost(site);
        click(post, "reddit", "198.51.100.40");
        click(post, "reddit", "198.51.100.40");
        given().redirects().follow(false).header("User-Agent", Fixtures.GOOGLEBOT_UA).get("/s/{p}/reddit", post);
        io.sharepulse.Management.given().get("/q/metrics").then().statusCode(HttpStatus.SC_OK)
                .body(containsString("sharepulse_clicks_total{network=\"reddit\",outcome=\"counted\"}"))
                .body(containsString("sharepulse_clicks_total{network=\"reddit\",outcome=\"duplicate\"}"))
                .body(containsString("sharepulse_clicks_total{network=\"reddit\",outcome=\"bot\"}"))
                .body(not(containsString(post)));
    }

    @Test
    void openApiDescribesPublicAndAdminApis() {
        io.sharepulse.Management.given().accept("application/json").get("/q/openapi").then().statusCode(HttpStatus.SC_OK)
                .body("paths", hasKey("/api/v1/sites/{site}/share"))
                .body("paths", hasKey("/s/{post}/{network}"))
                .body("paths", hasKey("/api/v1/posts/{post}/counts"))
                .body("paths", hasKey("/admin/v1/sites/{id}"));
    }

    @Test
    void frameworkErrorsAreProblemsToo() {
        given().get("/api/v1/nothing-here").then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM)
                .body("status", equalTo(404));
        given().delete("/api/v1/networks").then().statusCode(HttpStatus.SC_METHOD_NOT_ALLOWED).contentType(PROBLEM);
        given().accept("application/xml").get("/api/v1/networks").then()
                .statusCode(HttpStatus.SC_NOT_ACCEPTABLE).contentType(PROBLEM);
    }
}
