package io.sharepulse.share;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.OwnStores;

/**
 * The redirect's contract with Redis (issue 5): one round trip per click — one script run, nothing else — and
 * never a KEYS or SCAN. Watched with MONITOR on a Redis server of the test's own, which nothing else talks to:
 * MONITOR tells the commands clients send from those the script runs inside Redis ("lua").
 */
@QuarkusTest
@TestProfile(OwnStores.Profile.class)
class ClickRoundTripTest {

    @Test
    void eachClickIsOneScriptRunAndNothingElse() throws Exception {
        String site = createSite("roundtrip", List.of("reddit", "x"));
        String post = share(site, uniquePostUrl(), "One round trip").getString("post");
        for (int i = 0; i < 8; i++) {
            click(post, "reddit", i); // warm: the day's salt (once per pod) and each event loop's connection
        }

        List<String> sent = new CopyOnWriteArrayList<>();
        try (Socket monitor = new Socket("127.0.0.1", OwnStores.redis.port())) {
            monitor.setSoTimeout(10_000);
            OutputStream out = monitor.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("+OK");
            Thread reader = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (!line.contains(" lua] ")) {
                            sent.add(line);
                        }
                    }
                } catch (Exception closed) {
                    // the test closed the socket
                }
            });
            reader.start();

            int clicks = 40;
            for (int i = 1; i <= clicks; i++) {
                click(post, i % 2 == 0 ? "reddit" : "x", 100 + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= clicks);
            Thread.sleep(200); // anything else sent alongside would show by now
            List<String> commands = sent.stream().map(ClickRoundTripTest::command).toList();
            assertThat(commands).as(String.join("\n", sent)).hasSize(clicks).containsOnly("evalsha");

            given().get("/api/v1/posts/{p}/counts", post).then().statusCode(HttpStatus.SC_OK);
            given().get("/api/v1/sites/{s}/share?url={u}&title=t", site, uniquePostUrl()).then().statusCode(HttpStatus.SC_OK);
            Thread.sleep(200);
            assertThat(sent.stream().map(ClickRoundTripTest::command)).doesNotContain("keys", "scan");
        }
    }

    private void click(String post, String network, int reader) {
        given().redirects().follow(false).header("User-Agent", BROWSER_UA)
                .header("X-Forwarded-For", "10.9." + (reader / 250) + "." + (reader % 250))
                .get("/s/{post}/{network}", post, network).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
    }

    /** The command of a MONITOR line: {@code 1700000000.123 [0 127.0.0.1:5000] "EVALSHA" "…"}. */
    private static String command(String line) {
        int start = line.indexOf("] \"") + 3;
        return line.substring(start, line.indexOf('"', start)).toLowerCase(Locale.ROOT);
    }
}
