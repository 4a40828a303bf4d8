package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

/** widget.js as the service serves it: its size budget, its caching, and what it must never contain. */
@QuarkusTest
class WidgetAssetsTest {

    /** DESIGN.md §7 and issue 3: at most 3 KB gzipped. */
    static final int BUDGET = 3 * 1024;
    static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Inject
    Assets assets;

    static byte[] served(String path) {
        return given().config(RAW).header("Accept-Encoding", "identity").get(path)
                .then().statusCode(200).extract().asByteArray();
    }

    static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void widgetJsStaysWithinThreeKilobytesGzipped() throws IOException {
        byte[] js = served("/widget.js");
        int gzipped = gzip(js).length;
        System.out.printf("widget.js: %d bytes, %d gzipped (budget %d)%n", js.length, gzipped, BUDGET);
        assertThat(gzipped).as("gzip of what /widget.js serves").isLessThanOrEqualTo(BUDGET);

        // What a browser actually downloads: our own gzip copy, the same script.
        byte[] wire = given().config(RAW).header("Accept-Encoding", "gzip, deflate, br").get("/widget.js")
                .then().statusCode(200).header("Content-Encoding", "gzip").extract().asByteArray();
        assertThat(wire.length).isLessThanOrEqualTo(BUDGET);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
            assertThat(in.readAllBytes()).isEqualTo(js);
        }
    }

    @Test
    void widgetJsNeedsNothingAStrictCspForbids() {
        String js = new String(served("/widget.js"), StandardCharsets.UTF_8);
        assertThat(js).doesNotContain("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML",
                "document.write", "javascript:", ".style", "'style'", "<style", "setTimeout('", "cookie",
                "localStorage");
        assertThat(js).contains("adoptedStyleSheets", "attachShadow", "sendBeacon", "noopener noreferrer nofollow");
    }

    @Test
    void theUnversionedUrlIsCachedADayAndRevalidatesWithAStrongEtag() {
        String etag = given().config(RAW).header("Accept-Encoding", "identity").get("/widget.js").then().statusCode(200)
                .contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", startsWith("public, max-age=86400"))
                .header("Vary", "Accept-Encoding")
                .header("Access-Control-Allow-Origin", "*")
                .extract().header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{16}\""); // strong
        given().config(RAW).header("Accept-Encoding", "identity").header("If-None-Match", etag).get("/widget.js")
                .then().statusCode(HttpStatus.SC_NOT_MODIFIED).header("ETag", etag);
        // The gzip copy is another representation with its own tag.
        given().config(RAW).header("Accept-Encoding", "gzip").header("If-None-Match", etag).get("/widget.js")
                .then().statusCode(200).header("ETag", equalTo(etag.replace("\"", "").transform(t -> "\"" + t + "-gz\"")))
                .header("Content-Encoding", "gzip");
    }

    @Test
    void theVersionedUrlIsImmutableAndOnlyServesItsOwnContent() {
        String path = assets.path("widget.js");
        assertThat(path).matches("/v/[0-9a-f]{16}/widget\\.js");
        byte[] body = given().config(RAW).header("Accept-Encoding", "identity").get(path).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable").extract().asByteArray();
        assertThat(body).isEqualTo(served("/widget.js"));
        given().get("/v/0000000000000000/widget.js").then().statusCode(HttpStatus.SC_NOT_FOUND)
                .contentType("application/problem+json");
        given().get(path.replace("widget.js", "secret.txt")).then().statusCode(HttpStatus.SC_NOT_FOUND);
        given().get("/embed.css").then().statusCode(200).contentType("text/css; charset=utf-8");
    }

    @Test
    void servedScriptsAreTheSourceWithoutCommentsOrIndentation() {
        String source = "/* header */\n(() => {\n  // a note\n  const a = 1;\n\n    return a; /* kept */\n})();\n";
        assertThat(Assets.strip(source)).isEqualTo("(() => {\nconst a = 1;\nreturn a; /* kept */\n})();\n");
    }
}
