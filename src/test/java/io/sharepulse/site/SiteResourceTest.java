package io.sharepulse.site;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.uniqueSiteId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sharepulse.Fixtures;

@QuarkusTest
class SiteResourceTest {

    @Test
    void createReadUpdateDelete() {
        String id = uniqueSiteId("crud");
        admin().body(Map.of("id", id, "name", "My blog", "domains", List.of("Example.COM", "bücher.example"),
                "networks", List.of("reddit", "twitter", "delicious")))
                .post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_CREATED)
                .header("Location", containsString("/admin/v1/sites/" + id))
                .body("id", equalTo(id))
                .body("domains", contains("example.com", "xn--bcher-kva.example"))
                .body("networks", contains("reddit", "x", "delicious"))
                .body("dedupeMinutes", equalTo(30))
                .body("honourDnt", equalTo(true))
                .body("theme", equalTo("auto"));

        admin().get("/admin/v1/sites/{id}", id).then().statusCode(HttpStatus.SC_OK).body("name", equalTo("My blog"));
        admin().get("/admin/v1/sites").then().statusCode(HttpStatus.SC_OK).body("id", hasItem(id));

        admin().body(Map.of("name", "Renamed", "domains", List.of("example.com"), "networks", List.of("email"),
                "minCount", 5, "dedupeMinutes", 0, "via", "lucille"))
                .put("/admin/v1/sites/{id}", id)
                .then().statusCode(HttpStatus.SC_OK)
                .body("name", equalTo("Renamed")).body("minCount", equalTo(5)).body("dedupeMinutes", equalTo(0))
                .body("networks", contains("email")).body("via", equalTo("lucille"));

        admin().delete("/admin/v1/sites/{id}", id).then().statusCode(HttpStatus.SC_NO_CONTENT);
        admin().get("/admin/v1/sites/{id}", id).then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
        admin().get("/admin/v1/sites").then().body("id", not(hasItem(id)));
    }

    @Test
    void aDeletedSitesIdIsNeverReused() {
        String id = Fixtures.createSite("reuse", List.of("reddit"));
        admin().delete("/admin/v1/sites/{id}", id).then().statusCode(HttpStatus.SC_NO_CONTENT);
        admin().body(Map.of("id", id, "name", "Again", "domains", List.of("example.com")))
                .post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_CONFLICT).contentType(PROBLEM);
    }

    @Test
    void creatingAnExistingIdIsAConflict() {
        String id = Fixtures.createSite("dup", List.of("reddit"));
        admin().body(Map.of("id", id, "name", "Again", "domains", List.of("example.com")))
                .post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_CONFLICT).contentType(PROBLEM)
                .body("status", equalTo(409));
    }

    @Test
    void withoutTheAdminTokenEveryAdminPathIs401Problem() {
        given().get("/admin/v1/sites").then().statusCode(HttpStatus.SC_UNAUTHORIZED).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().header("Authorization", "Bearer wrong").get("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_UNAUTHORIZED).contentType(PROBLEM);
        given().header("Authorization", "Basic dGVzdDp0ZXN0").get("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_UNAUTHORIZED);
        // An unknown admin path reveals nothing either.
        given().get("/admin/v1/no-such-thing").then().statusCode(HttpStatus.SC_UNAUTHORIZED);
        given().contentType(ContentType.JSON).body(Map.of("id", "x", "name", "x", "domains", List.of("a.example")))
                .post("/admin/v1/sites").then().statusCode(HttpStatus.SC_UNAUTHORIZED);
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        admin().body(Map.of("id", "Not A Slug!", "name", "", "domains", List.of("https://example.com/path"),
                "networks", List.of("reddit", "myspace2000"), "theme", "purple", "dedupeMinutes", -1))
                .post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body("errors.field", hasItems("id", "name", "theme", "dedupeMinutes"));

        admin().body(Map.of("id", uniqueSiteId("bad"), "name", "n", "domains", List.of("https://example.com/path"),
                "networks", List.of("reddit", "myspace2000", "reddit")))
                .post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body("errors.field", contains("domains[0]", "networks[1]", "networks[2]"));
    }

    @Test
    void malformedBodiesAre400ProblemsWithoutInternals() {
        admin().body("{\"id\": \"x\", ").post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body(not(containsString("Exception"))).body(not(containsString("com.fasterxml")));
        admin().body("{\"id\": \"x\", \"name\": \"n\", \"domains\": \"not-a-list\"}").post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM)
                .body("detail", containsString("domains"));
        admin().post("/admin/v1/sites").then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
        admin().contentType(ContentType.XML).body("<site/>").post("/admin/v1/sites")
                .then().statusCode(HttpStatus.SC_UNSUPPORTED_MEDIA_TYPE).contentType(PROBLEM);
    }

    @Test
    void anIdCannotChangeOnUpdate() {
        String id = Fixtures.createSite("fixed", List.of("reddit"));
        admin().body(Map.of("id", "other", "name", "n", "domains", List.of("example.com")))
                .put("/admin/v1/sites/{id}", id)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).body("errors[0].field", equalTo("id"));
    }
}
