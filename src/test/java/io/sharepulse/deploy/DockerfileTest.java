package io.sharepulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The container image as far as it can be checked without a container engine: the application layout is copied in
 * layers, an AOT cache trained in a stage of its own on the same JVM ships with it, the build context keeps only the
 * application and the training script, the process runs as a numeric non-root user, and the health check (run here
 * against a live instance) passes when the service is up and fails when it is not.
 */
@QuarkusTest
class DockerfileTest {

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    static final Path DOCKERIGNORE = Path.of(".dockerignore");

    @TestHTTPResource("/")
    URL base;

    record Instruction(String keyword, String arguments) {
    }

    /** The instructions, continuation lines joined and comments dropped. */
    static List<Instruction> instructions() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return out;
    }

    static List<String> all(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The instructions of each build stage, in order; a stage starts at its FROM. */
    static List<List<Instruction>> stages(List<Instruction> instructions) {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(i);
            }
        }
        return stages;
    }

    static final List<String> LAYOUT = List.of("lib/ /deployments/lib/", "*.jar /deployments/", "app/ /deployments/app/",
            "quarkus/ /deployments/quarkus/");

    @Test
    void trainsTheAotCacheOnTheRuntimeJvmAndShipsItWithTheLayers() throws IOException {
        List<Instruction> instructions = instructions();
        List<String> args = all(instructions, "ARG");
        assertThat(args).as("one base image for the training and the image").hasSize(1);
        assertThat(args.get(0)).as("a JRE of a current LTS with an AOT cache (JDK 24+)").startsWith("JRE=eclipse-temurin:25-jre");
        List<List<Instruction>> stages = stages(instructions);
        assertThat(stages).hasSize(3);
        assertThat(stages.get(0).get(0).arguments()).isEqualTo("${JRE} AS runtime");
        assertThat(stages.get(1).get(0).arguments()).isEqualTo("runtime AS train");
        assertThat(stages.get(2).get(0).arguments()).as("the image is the runtime stage, not the training")
                .isEqualTo("runtime");

        // The training stage: the fast-jar layout from the build, then the training script run on it.
        List<Instruction> train = stages.get(1);
        assertThat(all(train, "COPY")).containsExactly(
                "target/quarkus-app/lib/ /deployments/lib/",
                "target/quarkus-app/*.jar /deployments/",
                "target/quarkus-app/app/ /deployments/app/",
                "target/quarkus-app/quarkus/ /deployments/quarkus/",
                "src/main/docker/train-aot.sh /tmp/train-aot.sh");
        assertThat(all(train, "RUN")).anySatisfy(run -> assertThat(run)
                .contains("bash /tmp/train-aot.sh /deployments/quarkus-run.jar /deployments/app.aot")
                .contains("-XX:MaxRAM="));

        // The image: the same layers from the dependencies up, then the cache, all from the training stage.
        List<Instruction> image = stages.get(2);
        List<String> copies = new ArrayList<>(LAYOUT.stream().map(l -> "--from=train /deployments/" + l).toList());
        copies.add("--from=train /deployments/app.aot /deployments/");
        assertThat(all(image, "COPY")).containsExactlyElementsOf(copies);
        assertThat(all(image, "RUN")).as("nothing of the training stores in the image").isEmpty();
        assertThat(all(instructions, "ENTRYPOINT")).containsExactly(
                "[\"java\", \"-XX:AOTCache=/deployments/app.aot\", \"-jar\", \"/deployments/quarkus-run.jar\"]");
        assertThat(all(instructions, "EXPOSE")).containsExactly("8080 9000");
        // The package type is chosen on the image's build command line, never for every build: a plain
        // ./mvnw package stays the fast-jar the README runs on JDK 17.
        assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
                .doesNotContain("quarkus.package.jar.type");
        assertThat(Files.readString(DOCKERFILE)).contains("./mvnw package -DskipTests -Dquarkus.package.jar.type=aot-jar");
    }

    @Test
    void theTrainingScriptIsTheOneTheBenchmarkMeasures() throws IOException {
        Path script = Path.of("src/main/docker/train-aot.sh");
        assertThat(script).isExecutable();
        assertThat(Files.readString(script)).contains("-XX:AOTCacheOutput=");
        assertThat(Files.readString(Path.of("bench/startup.sh"))).contains("src/main/docker/train-aot.sh");
    }

    @Test
    void theBuildContextIsOnlyTheBuiltApplicationAndTheTrainingScript() throws IOException {
        List<String> rules = Files.readAllLines(DOCKERIGNORE).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules).containsExactly("*", "!target/quarkus-app/", "!src/main/docker/train-aot.sh");
        assertThat(all(instructions(), "COPY")).allSatisfy(copy -> assertThat(copy)
                .matches("(target/quarkus-app/|--from=train /deployments/|src/main/docker/train-aot.sh ).*"));
    }

    @Test
    void runsAsANumericNonRootUser() throws IOException {
        List<Instruction> instructions = instructions();
        List<String> users = all(instructions, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1);
        assertThat(user).as("numeric, so Kubernetes' runAsNonRoot can verify it").matches("[1-9][0-9]*");
        int lastUser = -1;
        int entrypoint = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("USER")) {
                lastUser = i;
            }
            if (instructions.get(i).keyword().equals("ENTRYPOINT")) {
                entrypoint = i;
            }
        }
        assertThat(lastUser).as("the user is set before the process starts").isLessThan(entrypoint);
    }

    @Test
    void theHealthCheckPassesWhenTheServiceIsUpAndFailsWhenItIsNot() throws Exception {
        List<String> checks = all(instructions(), "HEALTHCHECK");
        assertThat(checks).hasSize(1);
        String check = checks.get(0);
        assertThat(check).contains("--start-period=").contains("/q/health/live");
        List<String> command = new ObjectMapper().readValue(check.substring(check.indexOf("CMD ") + 4),
                new TypeReference<List<String>>() {
                });
        assertThat(command.get(0)).isEqualTo("bash");

        assertThat(run(command, io.sharepulse.Management.port())).as("against the running service").isZero();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(run(command, closed)).as("against a port nobody listens on").isNotZero();
    }

    /** Runs the health check's command with the image's port replaced by {@code port}. */
    static int run(List<String> command, int port) throws Exception {
        List<String> local = command.stream().map(a -> a.replace("/9000", "/" + port)).toList();
        Process p = new ProcessBuilder(local).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
