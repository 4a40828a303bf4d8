package io.sharepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The README's analytics section, run as written: an admin with curl and a key gets every number. */
@QuarkusTest
@TestProfile(DevLike.class)
class AnalyticsReadmeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theAnalyticsSectionWorksAsWritten() throws Exception {
        String readme = Files.readString(ReadmeTest.README);
        String script = ReadmeTest.blocks(readme.substring(readme.indexOf("<!-- analytics"))).get(0);
        String origin = base.toString().replaceAll("/$", "");
        String run = "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n"
                + script.replace("http://localhost:8080", origin);
        Path dir = Files.createTempDirectory("readme-analytics");
        try {
            Process bash = new ProcessBuilder("bash", "-c", run).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.exitValue()).as(out).isZero();
            assertThat(out).contains("\"interval\":\"day\"").contains("\"series\":[")
                    .contains("\"networks\":[{\"network\"").contains("\"posts\":[")
                    .contains("date,post,url,title,network,clicks").containsPattern("Your key: spk_\\w+");
        } finally {
            for (File f : dir.toFile().listFiles()) {
                f.delete();
            }
            Files.delete(dir);
        }
    }
}
