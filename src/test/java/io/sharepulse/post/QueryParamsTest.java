package io.sharepulse.post;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.Fixtures.uniqueSiteId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.util.List;
import java.util.Map;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Without a canonical link the widget sends the address bar, query string and all: only the parameters a site
 * declares as making another page are kept, so a reader's {@code ?email=…} or session id is never stored. A site
 * that keeps every parameter ({@code ["*"]}, what sites made before the setting have) gets the post ids it always had.
 */
@QuarkusTest
class QueryParamsTest {

    @Test
    void aSiteKeepsNoQueryParameterUnlessItNamesIt() {
        String site = createSite("params-none", List.of("reddit"));
        admin().get("/admin/v1/sites/{s}", site).then().body("queryParams", empty());
        String url = uniquePostUrl();
        JsonPath doc = share(site, url + "?email=reader%40mail.example&sid=abc123&utm_source=x", "T");
        assertThat(doc.getString("url")).isEqualTo(url);
        assertThat(doc.getString("post")).isEqualTo(share(site, url, "T").getString("post"));
    }

    @Test
    void theParametersASiteNamesAreKeptInTheirOrder() {
        String site = createSite("params-some", List.of("reddit"), Map.of("queryParams", List.of("p", "id")));
        admin().get("/admin/v1/sites/{s}", site).then().body("queryParams", contains("p", "id"));
        String url = uniquePostUrl();
        assertThat(share(site, url + "?id=7&email=a%40b.example&p=2", "T").getString("url"))
                .isEqualTo(url + "?id=7&p=2");
        // Such a URL had this very canonical form (and id) before parameters were dropped.
        assertThat(share(site, url + "?id=7&p=2", "T").getString("post"))
                .isEqualTo(PostId.derive(site, new UrlCanonicalizer().canonicalize(url + "?id=7&p=2")).value());
    }

    @Test
    void keepingEveryParameterGivesTheIdsSitesAlwaysHad() {
        String site = createSite("params-all", List.of("reddit"), Map.of("queryParams", List.of("*")));
        String raw = uniquePostUrl() + "?b=2&a=1&utm_medium=feed&fbclid=x";
        String before = new UrlCanonicalizer().canonicalize(raw);
        JsonPath doc = share(site, raw, "T");
        assertThat(doc.getString("url")).isEqualTo(before).endsWith("?b=2&a=1");
        assertThat(doc.getString("post")).isEqualTo(PostId.derive(site, before).value());
    }

    @Test
    void aParameterNameMustBeOne() {
        admin().body(Map.of("id", uniqueSiteId("params-bad"), "name", "n", "domains", List.of("blog.example"),
                "queryParams", List.of("p", "a=b", "x y"))).post("/admin/v1/sites").then()
                .statusCode(HttpStatus.SC_BAD_REQUEST).body("errors", org.hamcrest.Matchers.hasSize(2))
                .body("errors.field", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("queryParams")));
    }
}
