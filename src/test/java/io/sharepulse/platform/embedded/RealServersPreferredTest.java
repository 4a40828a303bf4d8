package io.sharepulse.platform.embedded;

import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.count;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.OwnStores;

/**
 * Where a PostgreSQL and a Redis answer at the configured addresses (here real servers of this test's own, from
 * the machine's binaries), the service uses exactly those: no embedded server takes their place.
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class RealServersPreferredTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void theConfiguredServersThatAnswerAreTheOnesUsed() {
        assertThat(redisHosts).isEqualTo("redis://127.0.0.1:" + OwnStores.redis.port());
        assertThat(jdbcUrl).isEqualTo("jdbc:postgresql://127.0.0.1:" + OwnStores.postgres.port() + "/postgres");
        // Another test of this JVM may have started embedded servers for itself: this service is not on them.
        EmbeddedStores.redisPort().ifPresent(p -> assertThat(redisHosts).doesNotEndWith(":" + p));
        EmbeddedStores.postgresPort().ifPresent(p -> assertThat(jdbcUrl).doesNotContain(":" + p + "/"));

        String post = share(createSite("real", List.of("reddit")), uniquePostUrl(), "Real servers").getString("post");
        click(post, "reddit", "198.51.100.8");
        assertThat(count(post, "reddit")).isEqualTo(1);
        assertThat(OwnStores.redis.cli("--scan", "--pattern", "spfault:*:post:*")).as("the post lives in our Redis")
                .contains(post.substring(post.indexOf('.') + 1));
    }
}
