package io.sharepulse.site;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.uniqueSiteId;
import static io.sharepulse.security.KeyFixtures.as;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Which hosts a site owns decides who gets share links, so it is the operator's to set, and never a name that covers
 * other people's sites: a single label or a public suffix (by the Public Suffix List) is refused.
 */
@QuarkusTest
class SiteDomainsTest {

    @Test
    void aSingleLabelOrAPublicSuffixIsNoSitesDomain() {
        for (String domain : List.of("com", "intranet", "co.uk", "github.io", "xn--p1ai", "COM.", "blogspot.com")) {
            admin().body(Map.of("id", uniqueSiteId("psl"), "name", "n", "domains", List.of(domain),
                    "includeSubdomains", true)).post("/admin/v1/sites").then().statusCode(HttpStatus.SC_BAD_REQUEST)
                    .contentType("application/problem+json").body("errors.field", contains("domains[0]"));
        }
        // A name under a public suffix, an IDN, an IP address and localhost (development) are a site's own.
        String id = uniqueSiteId("own");
        admin().body(Map.of("id", id, "name", "n", "domains",
                List.of("blog.example.co.uk", "alice.github.io", "bücher.example", "127.0.0.1", "localhost")))
                .post("/admin/v1/sites").then().statusCode(HttpStatus.SC_CREATED)
                .body("domains", hasItem("alice.github.io"));
    }

    @Test
    void aSitesOwnAdminKeyCannotChangeItsDomains() {
        String site = createSite("domains", List.of("reddit"));
        String key = createKey(site, "admin");
        as(key).body(Map.of("name", "Taken over", "domains", List.of("com"), "includeSubdomains", true))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_FORBIDDEN)
                .contentType("application/problem+json").body("detail", containsString("operator"));
        as(key).body(Map.of("name", "Taken over", "domains", List.of("victim.example")))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_FORBIDDEN);
        as(key).body(Map.of("name", "Taken over", "domains", List.of("blog.example"), "includeSubdomains", true))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_FORBIDDEN);
        // Everything else stays the key's to change, with the domains sent as they are.
        as(key).body(Map.of("name", "Renamed by its admin", "domains", List.of("Blog.Example")))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_OK)
                .body("name", equalTo("Renamed by its admin"));
        admin().body(Map.of("name", "Moved by the operator", "domains", List.of("new.example")))
                .put("/admin/v1/sites/{s}", site).then().statusCode(HttpStatus.SC_OK)
                .body("domains", contains("new.example"));
    }
}
