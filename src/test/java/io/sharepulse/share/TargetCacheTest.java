package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;
import io.sharepulse.post.PostStore;
import io.sharepulse.post.PostTargets;

/**
 * The in-process targets (what redirects readers while Redis is down) fill only from readers' clicks and new
 * registrations: HEAD requests, bots and retired-network pages cost nothing to send and take no heap.
 */
@QuarkusTest
class TargetCacheTest {

    @Inject
    PostRepository repository;

    @Inject
    PostStore store;

    @Inject
    PostTargets targets;

    /** A post Redis and PostgreSQL know and this instance has not seen (registered elsewhere, say). */
    PostId knownElsewhere(String site) {
        String url = uniquePostUrl();
        PostId id = PostId.derive(site, url);
        repository.register(id, url, "Registered on another instance", null);
        store.seed(id, new io.sharepulse.post.PostTarget(url, "Registered on another instance", null)).await().indefinitely();
        return id;
    }

    @Test
    void headRequestsBotsAndPeeksLeaveTheCacheAlone() {
        String site = createSite("targets", List.of("reddit", "technorati"));
        PostId post = knownElsewhere(site);
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).head("/s/{p}/reddit", post.value())
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        given().redirects().follow(false).header("User-Agent", GOOGLEBOT_UA).get("/s/{p}/reddit", post.value())
                .then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        given().redirects().follow(false).header("User-Agent", BROWSER_UA).get("/s/{p}/technorati", post.value())
                .then().statusCode(HttpStatus.SC_OK);
        assertThat(targets.find(post)).isEmpty();

        given().redirects().follow(false).header("User-Agent", BROWSER_UA).header("X-Forwarded-For", "192.0.2.90")
                .get("/s/{p}/reddit", post.value()).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(targets.find(post)).hasValueSatisfying(p -> assertThat(p.title())
                .isEqualTo("Registered on another instance"));
    }

    @Test
    void readingAKnownPageThroughTheShareApiDoesNotFillItButANewPageDoes() {
        String site = createSite("targets-share", List.of("reddit"));
        PostId known = knownElsewhere(site);
        String knownUrl = store.read(known).await().indefinitely().orElseThrow().url();
        given().queryParam("url", knownUrl).get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK)
                .body("post", org.hamcrest.Matchers.equalTo(known.value()));
        assertThat(targets.find(known)).isEmpty();

        String url = uniquePostUrl();
        given().queryParam("url", url).get("/api/v1/sites/{s}/share", site).then().statusCode(HttpStatus.SC_OK);
        assertThat(targets.find(PostId.derive(site, url))).isPresent();
    }
}
