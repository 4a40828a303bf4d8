package io.sharepulse.privacy;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BLOG_DOMAIN;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.sharepulse.platform.RedisKeys;

/**
 * The privacy promise, checked against everything we wrote: clicks and arrivals from known addresses and
 * browsers, rolled up into the history, then
 * every Redis key of this run and every PostgreSQL table is read back, and neither the addresses (in any
 * textual form) nor the User-Agents appear anywhere. No answer sets a cookie; every salt expires within 48 h.
 */
@QuarkusTest
class PrivacyAuditTest {

    static final String IPV4 = "203.0.113.77";
    static final String IPV6 = "2001:db8:85a3::8a2e:370:7334";
    static final String UA_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 AuditMarker/7";
    static final String UA_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 AuditMarker/8";

    /** Every way an address could have been written down. */
    static final List<String> IP_FORMS = List.of(IPV4, "203.000.113.077", HexFormat.of().formatHex(new byte[] {
            (byte) 203, 0, 113, 77 }), Long.toString(203L * 16777216 + 113 * 256 + 77),
            IPV6, IPV6.toUpperCase(), "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "20010db885a3000000008a2e03707334",
            "::ffff:" + IPV4);

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    AgroalDataSource database;

    @Inject
    io.sharepulse.analytics.ClickRollup rollup;

    @Test
    void noAddressOrUserAgentIsStoredAnywhereAndNoCookieIsSet() throws Exception {
        String site = createSite("audit", List.of("reddit", "x"), Map.of("honourDnt", false));
        String url = uniquePostUrl();
        String post = share(site, url, "Audit").getString("post");
        List<Response> answers = new ArrayList<>();
        for (String ip : List.of(IPV4, IPV6)) {
            for (String ua : List.of(UA_FIREFOX, UA_SAFARI)) {
                for (String network : List.of("reddit", "x")) {
                    answers.add(given().redirects().follow(false).header("User-Agent", ua)
                            .header("X-Forwarded-For", ip).get("/s/{p}/{n}", post, network));
                }
            }
        }
        // Readers back through the tagged links: arrivals are counted from the same addresses and browsers.
        for (String ip : List.of(IPV4, IPV6)) {
            for (String ua : List.of(UA_FIREFOX, UA_SAFARI)) {
                answers.add(given().header("User-Agent", ua).header("X-Forwarded-For", ip)
                        .header("Origin", "https://" + BLOG_DOMAIN)
                        .contentType("text/plain;charset=UTF-8").body("{\"url\":\"" + url + "?sp=reddit\","
                                + "\"network\":\"reddit\"}").post("/api/v1/sites/{s}/arrivals", site));
            }
        }
        answers.add(given().header("User-Agent", UA_FIREFOX).header("X-Forwarded-For", IPV4)
                .queryParam("url", uniquePostUrl()).get("/api/v1/sites/{s}/share", site));
        answers.add(given().get("/api/v1/posts/{p}/counts", post));
        answers.add(given().get("/api/v1/networks"));
        answers.add(given().get("/privacy"));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isLessThan(400);
            assertThat(r.getHeader("Set-Cookie")).isNull();
        });
        assertThat(given().get("/api/v1/posts/{p}/counts", post).then().extract().<Integer>path("total"))
                .isEqualTo(8);
        // The day's counters, arrivals and device and browser counters copied into PostgreSQL too.
        rollup.rollDay(site, java.time.LocalDate.now(java.time.ZoneOffset.UTC), java.time.Instant.now());
        assertThat(io.sharepulse.Fixtures.rows("select arrivals from site_arrival_day where site_id = '" + site + "'"))
                .containsExactly("4");
        assertThat(io.sharepulse.Fixtures.rows("select count(*) from site_context_day where site_id = '" + site
                + "'")).containsExactly("4"); // desktop, mobile, firefox, safari: counters, no more

        String everything = redisDump() + "\n" + databaseDump();
        assertThat(everything).contains(post.substring(post.indexOf('.') + 1)); // the dump did find our data
        for (String form : IP_FORMS) {
            assertThat(everything).as("address form " + form).doesNotContainIgnoringCase(form);
        }
        assertThat(everything).doesNotContain("AuditMarker", "Firefox/133.0", "Gecko/20100101", "iPhone OS 17_5");
    }

    @Test
    void everySaltExpiresWithin48Hours() {
        String site = createSite("salt", List.of("reddit"));
        String post = newPost(site);
        given().redirects().follow(false).header("User-Agent", UA_FIREFOX).get("/s/{p}/reddit", post);
        List<String> salts = redis.key().keys(keys.prefix() + ":salt:*");
        assertThat(salts).isNotEmpty();
        for (String salt : salts) {
            assertThat(redis.key().ttl(salt)).as(salt).isBetween(1L, 48L * 3600);
        }
    }

    private String redisDump() {
        StringBuilder out = new StringBuilder();
        for (String key : redis.key().scan(new KeyScanArgs().match(keys.prefix() + ":*").count(1000)).toIterable()) {
            out.append(key).append(' ');
            switch (redis.key().type(key)) {
                case STRING -> out.append(new String(redis.value(byte[].class).get(key), StandardCharsets.ISO_8859_1));
                case HASH -> out.append(redis.hash(String.class).hgetall(key));
                case ZSET -> out.append(redis.sortedSet(String.class).zrange(key, 0, -1));
                case SET -> out.append(redis.set(String.class).smembers(key));
                case LIST -> out.append(redis.list(String.class).lrange(key, 0, -1));
                default -> out.append("?");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private String databaseDump() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
                while (rs.next()) {
                    if (!rs.getString("TABLE_SCHEM").startsWith("pg_")
                            && !"information_schema".equals(rs.getString("TABLE_SCHEM"))) {
                        tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).contains("sharepulse.post", "sharepulse.site");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
