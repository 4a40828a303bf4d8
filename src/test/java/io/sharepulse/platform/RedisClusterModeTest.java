package io.sharepulse.platform;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.Fixtures;
import io.sharepulse.RedisClusterInfra;
import io.sharepulse.post.PostId;

/**
 * What only a cluster can show: the service's keys really spread over every master, each site's keys stay in
 * its one slot (so the click script and the multi-key clean-up run), and health covers the cluster.
 */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class RedisClusterModeTest {

    @ConfigProperty(name = "quarkus.redis.client-type")
    String clientType;

    @Inject
    RedisKeys keys;

    @Test
    void sitesSpreadOverEveryMasterAndEachCountsOnItsOwn() {
        assertThat(clientType).isEqualTo("cluster");
        List<Integer> masters = RedisClusterInfra.ports().stream()
                .filter(p -> RedisClusterInfra.redisCli(p, List.of("role")).startsWith("master")).toList();
        assertThat(masters).hasSize(RedisClusterInfra.MASTERS);

        // New sites until every master owns at least one (hash slots are spread evenly, so a few suffice).
        Map<Integer, String> siteOnMaster = new HashMap<>();
        for (int i = 0; i < 40 && siteOnMaster.size() < masters.size(); i++) {
            String site = createSite("spread", List.of("reddit"));
            String post = newPost(site);
            click(post, "reddit", "192.0.2." + (i + 1));
            String hash = PostId.parse(post).orElseThrow().hash();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            List<String> written = List.of(keys.post(site, hash), keys.postDay(site, hash, now.toLocalDate()),
                    keys.siteDay(site, now.toLocalDate()), keys.siteHour(site, now.truncatedTo(ChronoUnit.HOURS)),
                    keys.top(site, now.toLocalDate()), keys.uniques(site, now.toLocalDate()));
            String slot = RedisClusterInfra.redisCli(masters.get(0), List.of("cluster", "keyslot", written.get(0)))
                    .strip();
            for (int master : masters) {
                if (!"0".equals(RedisClusterInfra.redisCli(master, List.of("cluster", "countkeysinslot", slot))
                        .strip())) {
                    // The click's keys are all on this one node (a multi-key EXISTS fails across slots).
                    List<String> exists = new ArrayList<>(List.of("exists"));
                    exists.addAll(written);
                    assertThat(RedisClusterInfra.redisCli(master, exists).strip()).isEqualTo("6");
                    siteOnMaster.putIfAbsent(master, post);
                }
            }
        }
        assertThat(siteOnMaster.keySet()).containsExactlyInAnyOrderElementsOf(masters);
        siteOnMaster.values().forEach(post -> given().get("/api/v1/posts/{post}/counts", post)
                .then().statusCode(HttpStatus.SC_OK).body("total", equalTo(1)).body("networks.reddit", equalTo(1)));
    }

    @Test
    void theDaySaltIsSharedThroughTheCluster() {
        String site = createSite("salt", List.of("reddit"));
        String post = newPost(site);
        click(post, "reddit", "192.0.2.200");
        click(post, "reddit", "192.0.2.200");
        given().get("/api/v1/posts/{post}/counts", post).then().body("networks.reddit", equalTo(1));
        String salt = keys.salt(LocalDate.now(ZoneOffset.UTC));
        assertThat(RedisClusterInfra.redisCli(RedisClusterInfra.ports().get(0), List.of("-c", "ttl", salt)).strip())
                .matches("\\d+");
    }

    @Test
    void deletingASiteRemovesAllItsPostsInOneSlot() {
        String site = createSite("bulk-delete", List.of("reddit"));
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(share(site, uniquePostUrl(), "T" + i).getString("post"));
        }
        Fixtures.admin().delete("/admin/v1/sites/{id}", site).then().statusCode(HttpStatus.SC_NO_CONTENT);
        for (String post : posts) {
            given().redirects().follow(false).header("User-Agent", BROWSER_UA).get("/s/{post}/reddit", post)
                    .then().statusCode(HttpStatus.SC_NOT_FOUND);
        }
    }

    @Test
    void healthSeesTheClusterUp() {
        io.sharepulse.Management.given().get("/q/health/well").then().statusCode(HttpStatus.SC_OK)
                .body("status", equalTo("UP")).body("checks.name", hasItem("redis"))
                .body("checks.find { it.name == 'redis' }.data.state", equalTo("up"));
    }
}
