package io.sharepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.deploy.ConfigNames;

/**
 * The README is part of the product: its two set-up commands are the ones CI runs, and its curl walk-through,
 * run as written against a dev-like instance (demo site, dev token), works.
 */
@QuarkusTest
@TestProfile(DevLike.class)
class ReadmeTest {

    static final Path README = Path.of("README.md");

    @TestHTTPResource("/")
    URL base;

    @Test
    void exactlyTwoSetUpCommandsAndCiRunsTheTestOne() throws IOException {
        String readme = Files.readString(README);
        String setUp = readme.substring(readme.indexOf("## Set-up"), readme.indexOf("## Walk-through"));
        List<String> commands = blocks(setUp);
        assertThat(commands).containsExactly("./mvnw quarkus:dev", "./mvnw verify");
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ci).contains(commands.get(1));
    }

    @Test
    void theWalkThroughWorksAsWritten() throws Exception {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("<!-- walkthrough"));
        String script = blocks(section).get(0);
        String origin = base.toString().replaceAll("/$", "");
        // Fail on any HTTP error, as a reader would notice one.
        String run = "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n"
                + script.replace("http://localhost:8080", origin);
        Process bash = new ProcessBuilder("bash", "-c", run).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        assertThat(out).contains("\"successor\":\"pinboard\"")
                .contains("302 https://www.reddit.com/submit?url=http%3A%2F%2Flocalhost%2F2008%2F10%2Fneural-networks")
                .contains("\"networks\":{\"reddit\":1}")
                .contains("<h1>Technorati has closed</h1>")
                .contains("\"id\":\"my-blog\"");
    }

    @Test
    void theConfigurationTableNamesEverySettingAndNoOther() throws IOException {
        String readme = Files.readString(README);
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## ", readme.indexOf("## Configuration") + 5));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`((?:SHAREPULSE|QUARKUS)_[A-Z0-9_]+)`").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        // A list property's name ends in an index placeholder ([*] → ___): the variable has no such suffix.
        List<String> ours = ConfigNames.sharepulse().stream()
                .map(n -> n.replaceAll("_+$", "")).distinct().toList();
        assertThat(documented.stream().filter(n -> n.startsWith("SHAREPULSE_")).toList())
                .as("every SHAREPULSE_ setting in the README table").containsExactlyInAnyOrderElementsOf(ours);
        assertThat(documented.stream().filter(n -> n.startsWith("QUARKUS_")).toList())
                .as("QUARKUS_ names the installed extensions understand")
                .allSatisfy(n -> assertThat(ConfigNames.quarkus()).containsKey(n));
    }

    static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }
}
