package io.sharepulse.security;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.admin;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Site keys for tests: created through the API as an operator would, used as a client would. */
public final class KeyFixtures {

    private KeyFixtures() {
    }

    /** Creates a key of the site with the role; returns its secret. */
    public static String createKey(String site, String role) {
        return createKey(site, role, Map.of());
    }

    public static String createKey(String site, String role, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(options);
        body.put("name", role + " key");
        body.put("role", role);
        return admin().body(body).post("/admin/v1/sites/{site}/keys", site)
                .then().statusCode(201).extract().path("secret");
    }

    /** A request with this bearer key. */
    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }
}
