package io.sharepulse.security;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Keys remember which key made them, and revoking a leaked admin key can revoke everything it minted. */
@QuarkusTest
class KeyLineageTest {

    static String idOf(String secret) {
        return secret.substring(ApiKeyService.PREFIX.length(), ApiKeyService.PREFIX.length() + 13);
    }

    static String mint(String parent, String site, String role) {
        return as(parent).body(Map.of("name", "minted", "role", role)).post("/admin/v1/sites/{s}/keys", site)
                .then().statusCode(HttpStatus.SC_CREATED).body("createdBy", equalTo(idOf(parent)))
                .extract().path("secret");
    }

    static void works(String key, String site, int status) {
        as(key).get("/admin/v1/sites/{s}/stats", site).then().statusCode(status);
    }

    @Test
    void revokingAKeyWithItsDescendantsRevokesWhatItMinted() {
        String site = createSite("lineage", List.of("reddit"));
        String leaked = createKey(site, "admin");
        String child = mint(leaked, site, "admin");
        String grandchild = mint(child, site, "read");
        String unrelated = createKey(site, "read");
        admin().get("/admin/v1/sites/{s}/keys", site).then()
                .body("find { it.id == '" + idOf(leaked) + "' }.createdBy", nullValue());

        admin().delete("/admin/v1/sites/{s}/keys/{id}?descendants=true", site, idOf(leaked)).then()
                .statusCode(HttpStatus.SC_NO_CONTENT);
        works(leaked, site, HttpStatus.SC_UNAUTHORIZED);
        works(child, site, HttpStatus.SC_UNAUTHORIZED);
        works(grandchild, site, HttpStatus.SC_UNAUTHORIZED);
        works(unrelated, site, HttpStatus.SC_OK);
    }

    @Test
    void revokingAKeyAloneLeavesWhatItMinted() {
        String site = createSite("lineage-one", List.of("reddit"));
        String parent = createKey(site, "admin");
        String child = mint(parent, site, "read");
        admin().delete("/admin/v1/sites/{s}/keys/{id}", site, idOf(parent)).then().statusCode(HttpStatus.SC_NO_CONTENT);
        works(parent, site, HttpStatus.SC_UNAUTHORIZED);
        works(child, site, HttpStatus.SC_OK);
        // Descendants can still be revoked afterwards.
        admin().delete("/admin/v1/sites/{s}/keys/{id}?descendants=true", site, idOf(parent)).then()
                .statusCode(HttpStatus.SC_NO_CONTENT);
        works(child, site, HttpStatus.SC_UNAUTHORIZED);
    }
}
