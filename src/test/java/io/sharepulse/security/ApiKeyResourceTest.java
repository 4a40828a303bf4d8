package io.sharepulse.security;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ApiKeyResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource db;

    @Test
    void theSecretIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        String site = createSite("keys", List.of("reddit"));
        var created = admin().body(Map.of("name", "dashboard", "role", "read"))
                .post("/admin/v1/sites/{site}/keys", site)
                .then().statusCode(HttpStatus.SC_CREATED)
                .body("secret", startsWith("spk_")).body("role", equalTo("read")).body("name", equalTo("dashboard"))
                .body("site", equalTo(site)).body("lastUsedAt", nullValue()).body("rateLimit", equalTo(300))
                .extract().jsonPath();
        String secret = created.getString("secret");
        String id = created.getString("id");

        admin().get("/admin/v1/sites/{site}/keys", site).then().statusCode(HttpStatus.SC_OK)
                .body("[0].id", equalTo(id)).body("[0]", not(hasKey("secret")));
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("select * from api_key where id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret.substring(18));
                }
            }
        }

        as(secret).get("/admin/v1/me").then().statusCode(HttpStatus.SC_OK)
                .body("kind", equalTo("key")).body("site", equalTo(site)).body("role", equalTo("read"));
        admin().get("/admin/v1/sites/{site}/keys", site).then().body("[0].lastUsedAt", notNullValue());
        admin().get("/admin/v1/me").then().body("kind", equalTo("operator"));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String site = createSite("revoke", List.of("reddit"));
        String key = createKey(site, "admin");
        String id = key.substring(4, 17);
        as(key).get("/admin/v1/sites/{site}/stats", site).then().statusCode(HttpStatus.SC_OK);
        as(key).delete("/admin/v1/sites/{site}/keys/{id}", site, id).then().statusCode(HttpStatus.SC_NO_CONTENT);
        as(key).get("/admin/v1/sites/{site}/stats", site).then().statusCode(HttpStatus.SC_UNAUTHORIZED)
                .contentType(PROBLEM).header("WWW-Authenticate", startsWith("Bearer"));
        admin().get("/admin/v1/sites/{site}/keys", site).then().body("[0].revokedAt", notNullValue());
        // Revoking again changes nothing; a key of another site cannot be revoked through this one.
        admin().delete("/admin/v1/sites/{site}/keys/{id}", site, id).then().statusCode(HttpStatus.SC_NO_CONTENT);
        String other = createSite("revoke-other", List.of("reddit"));
        admin().delete("/admin/v1/sites/{site}/keys/{id}", other, id).then().statusCode(HttpStatus.SC_NOT_FOUND);
    }

    @Test
    void aDeletedSitesKeysStopWorking() {
        String site = createSite("gone", List.of("reddit"));
        String key = createKey(site, "read");
        admin().delete("/admin/v1/sites/{id}", site).then().statusCode(HttpStatus.SC_NO_CONTENT);
        as(key).get("/admin/v1/me").then().statusCode(HttpStatus.SC_UNAUTHORIZED);
    }

    @Test
    void keysAreValidated() {
        String site = createSite("keyval", List.of("reddit"));
        admin().body(Map.of("name", "", "role", "owner")).post("/admin/v1/sites/{site}/keys", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).contentType(PROBLEM);
        admin().body(Map.of("name", "n", "role", "read", "rateLimit", 100_000))
                .post("/admin/v1/sites/{site}/keys", site)
                .then().statusCode(HttpStatus.SC_BAD_REQUEST).body("errors[0].field", equalTo("rateLimit"));
        admin().body(Map.of("name", "n", "role", "read")).post("/admin/v1/sites/{site}/keys", "no-such-site")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType(PROBLEM);
    }

    @Test
    void overItsRateLimitAKeyGets429WithRetryAfter() {
        String site = createSite("limited", List.of("reddit"));
        String key = createKey(site, "read", Map.of("rateLimit", 3));
        for (int i = 0; i < 3; i++) {
            as(key).get("/admin/v1/me").then().statusCode(HttpStatus.SC_OK);
        }
        String retry = as(key).get("/admin/v1/sites/{site}/stats", site).then()
                .statusCode(HttpStatus.SC_TOO_MANY_REQUESTS).contentType(PROBLEM)
                .body("status", equalTo(429)).extract().header("Retry-After");
        assertThat(Integer.parseInt(retry)).isBetween(1, 60);
        // Another key of the same site has its own budget; the operator is not limited.
        as(createKey(site, "read")).get("/admin/v1/me").then().statusCode(HttpStatus.SC_OK);
        admin().get("/admin/v1/me").then().statusCode(HttpStatus.SC_OK);
    }
}
