package io.sharepulse;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Named test data and the few calls most tests start with. Each test makes its own site. */
public final class Fixtures {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String BROWSER_UA =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    public static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    public static final String FACEBOOK_PREVIEW_UA =
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";
    public static final String BLOG_DOMAIN = "blog.example";

    private Fixtures() {
    }

    /** A site id no other test uses. */
    public static String uniqueSiteId(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** Creates a site on {@link #BLOG_DOMAIN} with these networks and options; returns its id. */
    public static String createSite(String stem, List<String> networks, Map<String, Object> options) {
        String id = uniqueSiteId(stem);
        Map<String, Object> body = new HashMap<>(options);
        body.put("id", id);
        body.put("name", "Blog " + id);
        body.putIfAbsent("domains", List.of(BLOG_DOMAIN));
        body.put("networks", networks);
        admin().body(body).post("/admin/v1/sites").then().statusCode(201);
        return id;
    }

    public static String createSite(String stem, List<String> networks) {
        return createSite(stem, networks, Map.of());
    }

    /** Asks the share API for a page of the site; returns the document. */
    public static JsonPath share(String site, String url, String title) {
        return given().queryParam("url", url).queryParam("title", title)
                .get("/api/v1/sites/{site}/share", site)
                .then().statusCode(200).extract().jsonPath();
    }

    /** A blog post URL no other test uses. */
    public static String uniquePostUrl() {
        return "https://" + BLOG_DOMAIN + "/posts/" + UUID.randomUUID();
    }

    /** One click as a reader at {@code ip} with a browser; returns the redirect target. */
    public static String click(String post, String network, String ip) {
        return given().redirects().follow(false)
                .header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip)
                .get("/s/{post}/{network}", post, network)
                .then().statusCode(302).extract().header("Location");
    }
}
