package io.sharepulse;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.http.HttpStatus;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.sharepulse.platform.Problem;

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
    /** The content type of every error answer. */
    public static final String PROBLEM = Problem.MEDIA_TYPE;

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
        admin().body(body).post("/admin/v1/sites").then().statusCode(HttpStatus.SC_CREATED);
        return id;
    }

    public static String createSite(String stem, List<String> networks) {
        return createSite(stem, networks, Map.of());
    }

    /** Asks the share API for a page of the site; returns the document. */
    public static JsonPath share(String site, String url, String title) {
        return given().queryParam("url", url).queryParam("title", title)
                .get("/api/v1/sites/{site}/share", site)
                .then().statusCode(HttpStatus.SC_OK).extract().jsonPath();
    }

    /** A blog post URL no other test uses. */
    public static String uniquePostUrl() {
        return "https://" + BLOG_DOMAIN + "/posts/" + UUID.randomUUID();
    }

    /** A post of the site no other test uses, registered through the share API (title "T"); returns its id. */
    public static String newPost(String site) {
        return share(site, uniquePostUrl(), "T").getString("post");
    }

    /** One click as a reader at {@code ip} with a browser; returns the redirect target. */
    public static String click(String post, String network, String ip) {
        return given().redirects().follow(false)
                .header("User-Agent", BROWSER_UA).header("X-Forwarded-For", ip)
                .get("/s/{post}/{network}", post, network)
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY).extract().header("Location");
    }

    /** The post's public count on one network (0 when it has none), from the counts API. */
    public static long count(String post, String network) {
        Object value = given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .extract().path("networks." + network);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The post's public total, from the counts API. */
    public static long total(String post) {
        Object total = given().get("/api/v1/posts/{p}/counts", post).then().statusCode(HttpStatus.SC_OK)
                .extract().path("total");
        return ((Number) total).longValue();
    }

    /** The rows of a query against the service's own database, each as its columns joined by '|'. */
    public static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        AgroalDataSource db = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append(i < n ? "|" : "");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
