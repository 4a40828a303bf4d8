package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.PROBLEM;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.newPost;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.total;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.OwnStores;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;

/**
 * Redis dies or hangs under a stream of clicks: readers are still redirected to the right network, quickly; the
 * clicks Redis did not confirm in time show as unconfirmed, then as stored late or lost
 * ({@code sharepulse_clicks_late_total}, {@code sharepulse_clicks_lost_total}); readiness says degraded; and
 * counting resumes when Redis is back, without restarting the service.
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class RedisOutageTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    PostRepository posts;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicInteger visitor = new AtomicInteger();

    record Answer(int status, String location, long millis) {
    }

    Answer click(String post, String network) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "s/" + post + "/" + network))
                .header("User-Agent", BROWSER_UA)
                .header("X-Forwarded-For", "10.1." + (visitor.incrementAndGet() / 250 % 250) + "."
                        + (visitor.get() % 250))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The sum of a metric's series whose tags contain every one of {@code tags} (e.g. {@code network="x"}). */
    static double metric(String name, String... tags) {
        String metrics = io.sharepulse.Management.given().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> List.of(tags).stream().allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Clicks Redis did not confirm before the reader was redirected: unconfirmed at the time, or lost outright. */
    double dropped() {
        return metric("sharepulse_clicks_total", "outcome=\"unconfirmed\"")
                + metric("sharepulse_clicks_total", "outcome=\"lost\"");
    }

    /** What the metrics say of one network's clicks, to compare before and after. */
    record Tally(double counted, double unconfirmed, double lost, double lateCounted, double lostError,
            double lostNoAnswer) {
        static Tally of(String network) {
            String n = "network=\"" + network + "\"";
            return new Tally(metric("sharepulse_clicks_total", n, "outcome=\"counted\""),
                    metric("sharepulse_clicks_total", n, "outcome=\"unconfirmed\""),
                    metric("sharepulse_clicks_total", n, "outcome=\"lost\""),
                    metric("sharepulse_clicks_late_total", n, "outcome=\"counted\""),
                    metric("sharepulse_clicks_lost_total", n, "reason=\"error\""),
                    metric("sharepulse_clicks_lost_total", n, "reason=\"no-answer\""));
        }

        Tally minus(Tally before) {
            return new Tally(counted - before.counted, unconfirmed - before.unconfirmed, lost - before.lost,
                    lateCounted - before.lateCounted, lostError - before.lostError,
                    lostNoAnswer - before.lostNoAnswer);
        }
    }

    /** A post of a new site on {@code network}, clicked once so its target and the day's salt are warm. */
    String warmPost(String network) throws Exception {
        String site = createSite("late", List.of(network));
        String post = share(site, uniquePostUrl(), "Late").getString("post");
        assertThat(click(post, network).status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        return post;
    }

    @Test
    void aClickRedisStoresAfterTheRedirectIsUnconfirmedThenStoredNotLost() throws Exception {
        String post = warmPost("linkedin");
        long before = total(post);
        Tally start = Tally.of("linkedin");
        // Redis answers after 600 ms: long past the reader's 100 ms wait, within the grace period.
        OwnStores.redis.freeze(0.6);
        Answer answer = click(post, "linkedin");
        assertThat(answer.status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(answer.millis()).isLessThan(500);
        assertThat(Tally.of("linkedin").minus(start).unconfirmed()).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Tally.of("linkedin").minus(start).lateCounted() == 1);
        assertThat(total(post)).isEqualTo(before + 1);
        // Stored = counted + confirmed late; nothing lost, even after the grace period.
        Thread.sleep(1600);
        assertThat(Tally.of("linkedin").minus(start)).isEqualTo(new Tally(0, 1, 0, 1, 0, 0));
    }

    @Test
    void aClickWhileRedisIsGoneIsLost() throws Exception {
        String post = warmPost("telegram");
        Tally start = Tally.of("telegram");
        OwnStores.redis.stop();
        try {
            Answer answer = click(post, "telegram");
            assertThat(answer.status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
            assertThat(answer.location()).startsWith("https://t.me/share");
            // Redis refused at once (lost) or had not failed yet when the wait ran out (unconfirmed, then lost):
            // either way lost for the error, within the grace period, and never stored late.
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> Tally.of("telegram").minus(start).lostError() == 1);
            Tally seen = Tally.of("telegram").minus(start);
            assertThat(seen.lost() + seen.unconfirmed()).isEqualTo(1);
            assertThat(seen.lateCounted()).isZero();
            assertThat(seen.counted()).isZero();
        } finally {
            OwnStores.redis.start();
        }
    }

    @Test
    void aClickRedisNeverAnswersInTheGracePeriodIsLost() throws Exception {
        String post = warmPost("whatsapp");
        Tally start = Tally.of("whatsapp");
        // Frozen longer than the grace period (1.5 s in this profile).
        OwnStores.redis.freeze(2.5);
        assertThat(click(post, "whatsapp").status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Tally.of("whatsapp").minus(start).lostNoAnswer() == 1);
        Tally seen = Tally.of("whatsapp").minus(start);
        assertThat(seen.unconfirmed()).isEqualTo(1);
        assertThat(seen.lateCounted()).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> OwnStores.redis.cli("ping").contains("PONG"));
    }

    @Test
    void readersAreRedirectedThroughAnOutageAndCountingResumes() throws Exception {
        String site = createSite("outage", List.of("reddit", "bluesky"));
        String post = share(site, uniquePostUrl(), "Still here").getString("post");
        assertThat(click(post, "reddit").status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        double droppedBefore = dropped();

        // A stream of clicks runs while Redis goes away and comes back.
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                try {
                    answers.add(click(post, "bluesky"));
                } catch (Exception e) {
                    answers.add(new Answer(-1, e.toString(), 0));
                }
            }
        });
        stream.start();
        Thread.sleep(300);
        OwnStores.redis.stop();
        Thread.sleep(1500);

        io.sharepulse.Management.given().get("/q/health/ready").then().statusCode(HttpStatus.SC_OK).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.state", equalTo("degraded"));
        io.sharepulse.Management.given().get("/q/health/well").then().statusCode(HttpStatus.SC_SERVICE_UNAVAILABLE);
        assertThat(dropped()).isGreaterThan(droppedBefore);

        OwnStores.redis.start();
        Thread.sleep(1000);
        streaming.set(false);
        stream.join();

        assertThat(answers).hasSizeGreaterThan(10).allSatisfy(a -> {
            assertThat(a.status()).as(a.location()).isEqualTo(302);
            assertThat(a.location()).startsWith("https://bsky.app/intent/compose?text=Still%20here");
            assertThat(a.millis()).isLessThan(1000);
        });

        // Redis came back empty: the post is restored from PostgreSQL and every new click counts again.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> click(post, "reddit").status() == 302
                && total(post) > 0);
        long before = total(post);
        for (int i = 0; i < 10; i++) {
            assertThat(click(post, "reddit").status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        }
        assertThat(total(post)).isEqualTo(before + 10);
        io.sharepulse.Management.given().get("/q/health/ready").then().body("checks.find { it.name == 'redis' }.data.state", equalTo("up"));
    }

    @Test
    void aPageViewDuringAnOutageGetsAClearProblemAtOnceAndCountsAfterwards() throws Exception {
        String site = createSite("outageview", List.of("reddit"));
        String url = uniquePostUrl();
        share(site, url, "T");
        OwnStores.redis.stop();
        try {
            for (String view : List.of("counts", "full")) {
                long start = System.nanoTime();
                given().queryParam("view", view).queryParam("url", url).get("/api/v1/sites/{site}/share", site)
                        .then().statusCode(HttpStatus.SC_SERVICE_UNAVAILABLE).contentType(PROBLEM);
                assertThat((System.nanoTime() - start) / 1_000_000).as(view).isLessThan(3000);
            }
        } finally {
            OwnStores.redis.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("view", "counts")
                .queryParam("url", url).get("/api/v1/sites/{site}/share", site).then().statusCode(HttpStatus.SC_OK));
    }

    @Test
    void aHungRedisDoesNotHoldReadersUp() throws Exception {
        String site = createSite("hung", List.of("reddit"));
        String post = newPost(site);
        OwnStores.redis.freeze(2);
        Thread.sleep(100);
        Answer answer = click(post, "reddit");
        assertThat(answer.status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(answer.location()).startsWith("https://www.reddit.com/submit");
        assertThat(answer.millis()).isLessThan(1000);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> OwnStores.redis.cli("ping").contains("PONG"));
    }

    @Test
    void aPostThisInstanceNeverSawIsRedirectedFromPostgres() throws Exception {
        String site = createSite("cold", List.of("reddit"));
        String url = uniquePostUrl();
        PostId id = PostId.derive(site, url);
        posts.register(id, url, "Only in PostgreSQL", null); // another pod registered it; nothing cached here
        OwnStores.redis.stop();
        try {
            Answer answer = click(id.value(), "reddit");
            assertThat(answer.status()).isEqualTo(HttpStatus.SC_MOVED_TEMPORARILY);
            assertThat(answer.location()).contains("title=Only%20in%20PostgreSQL");
        } finally {
            OwnStores.redis.start();
        }
    }
}
