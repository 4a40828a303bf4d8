package io.sharepulse.platform.embedded;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.sharepulse.platform.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

/**
 * A laptop with only a JDK: the configured PostgreSQL and Redis addresses are closed ports, as on a machine where
 * neither server runs, and the suite's own stores are switched off, so only what dev mode does is at work. The
 * service starts on embedded servers and the whole loop works: share, a counted click, the counts, the analytics.
 */
@QuarkusTest
@TestProfile(EmbeddedStoresTest.NothingAnswers.class)
class EmbeddedStoresTest {

    static final String CLOSED_PG = "jdbc:postgresql://127.0.0.1:1/sharepulse_embedded";
    static final String CLOSED_REDIS = "redis://127.0.0.1:1";

    public static class NothingAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", CLOSED_PG, "quarkus.redis.hosts", CLOSED_REDIS,
                    "sharepulse.redis.key-prefix", "spembedded");
        }

        /** No TestInfra: the service must find its stores by itself, as in dev mode. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    RedisKeys keys;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void theClosedAddressesWereReplacedByEmbeddedServers() {
        int pg = EmbeddedStores.postgresPort().orElseThrow(() -> new AssertionError("no embedded PostgreSQL runs"));
        int redis = EmbeddedStores.redisPort().orElseThrow(() -> new AssertionError("no embedded Redis runs"));
        assertThat(jdbcUrl).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg + "/sharepulse_embedded");
        assertThat(redisHosts).isEqualTo("redis://127.0.0.1:" + redis);
    }

    @Test
    void shareClickCountsAndAnalyticsWorkOnTheEmbeddedStores() throws Exception {
        String site = createSite("embedded", List.of("reddit", "bluesky"));
        JsonPath shared = share(site, uniquePostUrl(), "On a laptop");
        String post = shared.getString("post");

        assertThat(click(post, "reddit", "198.51.100.7")).startsWith("https://www.reddit.com/");
        assertThat(count(post, "reddit")).isEqualTo(1);
        admin().get("/admin/v1/sites/{site}/stats", site).then().statusCode(HttpStatus.SC_OK)
                .body("totals.clicks", org.hamcrest.Matchers.equalTo(1));
        admin().get("/admin/v1/sites/{site}/networks", site).then().statusCode(HttpStatus.SC_OK)
                .body("networks[0].network", org.hamcrest.Matchers.equalTo("reddit"))
                .body("networks[0].clicks", org.hamcrest.Matchers.equalTo(1));

        // The data is in the embedded servers themselves, read here without the service.
        int pg = EmbeddedStores.postgresPort().orElseThrow();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg + "/sharepulse_embedded",
                "postgres", ""); PreparedStatement st = c.prepareStatement("select count(*) from sharepulse.post where id = ?")) {
            st.setString(1, post);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the post's row in the embedded PostgreSQL").isEqualTo(1);
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI api = RedisAPI.api(Redis.createClient(vertx, "redis://127.0.0.1:" + EmbeddedStores.redisPort().orElseThrow()));
            Response reddit = api.hget(keys.post(site, post.substring(site.length() + 1)), "c:reddit")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(reddit).as("the post's all-time count in the embedded Redis").isNotNull();
            assertThat(reddit.toInteger()).isEqualTo(1);
        } finally {
            vertx.close();
        }
    }
}
