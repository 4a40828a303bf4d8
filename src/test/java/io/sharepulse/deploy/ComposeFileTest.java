package io.sharepulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.platform.SecretsCheck;
import io.sharepulse.platform.embedded.Endpoint;

/**
 * {@code compose.yaml}, checked as far as it can be without a container engine (none runs on the build machines,
 * so the file has not been run with Compose here): the same rules the Kubernetes manifests are held to — the
 * service's environment names are settings it reads, its ports are the image's, its health check answers on a
 * running instance and fails on a dead one — plus what Compose itself needs: stores that are healthy before the
 * service starts, data in named volumes, Redis with its append-only file, secrets from {@code sharepulse.env}.
 */
@QuarkusTest
class ComposeFileTest {

    static final Path COMPOSE = Path.of("compose.yaml");
    static final Path ENV_EXAMPLE = Path.of("sharepulse.env.example");
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    static JsonNode compose() throws IOException {
        return Manifests.YAML.readTree(COMPOSE.toFile());
    }

    static JsonNode service(String name) throws IOException {
        JsonNode service = compose().path("services").path(name);
        assertThat(service.isMissingNode()).as("service " + name).isFalse();
        return service;
    }

    /** The example env file's variables (comments and blank lines aside). */
    static Map<String, String> envExample() throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertThat(eq).as("a NAME=value line: " + l).isPositive();
            vars.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return vars;
    }

    /** Every variable the service container sees: its env file's and its {@code environment}. */
    static Map<String, String> serviceEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>(envExample());
        service("sharepulse").path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theThreeServicesEachHaveAHealthCheckARestartPolicyAndThePinnedImage() throws IOException {
        Set<String> names = new TreeSet<>();
        compose().path("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("postgres", "redis", "sharepulse");
        for (String name : names) {
            JsonNode s = service(name);
            assertThat(s.path("healthcheck").path("test").isArray()).as(name + " health check").isTrue();
            assertThat(s.path("restart").asText()).as(name + " restart").isEqualTo("unless-stopped");
            assertThat(s.path("image").asText()).as(name + " image is pinned").contains(":");
        }
        assertThat(service("sharepulse").path("build").path("dockerfile").asText())
                .isEqualTo(KubernetesManifestsTest.DOCKERFILE.toString());
    }

    @Test
    void theServiceStartsOnlyOnceBothStoresAreHealthy() throws IOException {
        JsonNode dependsOn = service("sharepulse").path("depends_on");
        for (String store : List.of("postgres", "redis")) {
            assertThat(dependsOn.path(store).path("condition").asText()).as(store).isEqualTo("service_healthy");
        }
    }

    @Test
    void theStoresKeepTheirDataInNamedVolumesAndRedisItsAppendOnlyFile() throws IOException {
        Set<String> declared = new TreeSet<>();
        compose().path("volumes").fieldNames().forEachRemaining(declared::add);
        Map<String, String> mounts = Map.of("postgres", "/var/lib/postgresql/data", "redis", "/data");
        for (Map.Entry<String, String> m : mounts.entrySet()) {
            List<String> volumes = list(service(m.getKey()).path("volumes"));
            assertThat(volumes).as(m.getKey()).anySatisfy(v -> {
                String[] parts = v.split(":");
                assertThat(declared).as("a named volume, not a host folder").contains(parts[0]);
                assertThat(parts[1]).isEqualTo(m.getValue());
            });
        }
        List<String> redis = list(service("redis").path("command"));
        assertThat(redis).containsSequence("--appendonly", "yes").containsSequence("--dir", "/data")
                .containsSequence("--maxmemory-policy", "noeviction");
        assertThat(service("sharepulse").path("volumes").isMissingNode()).as("the service keeps nothing itself").isTrue();
        assertThat(service("sharepulse").path("read_only").asBoolean()).isTrue();
        assertThat(list(service("sharepulse").path("tmpfs"))).contains("/tmp");
    }

    @Test
    void theServicesEnvironmentNamesAreSettingsItReads() throws IOException {
        Map<String, String> env = serviceEnvironment();
        assertThat(env).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "QUARKUS_REDIS_PASSWORD", "SHAREPULSE_ADMIN_TOKEN",
                "SHAREPULSE_PUBLIC_URL");
        ConfigNames.assertSettingsTheServiceReads(env.keySet());
        assertThat(list(service("sharepulse").path("env_file"))).as("secrets come from the env file")
                .containsExactly("sharepulse.env");
        assertThat(Files.readAllLines(Path.of(".gitignore"))).as("the real env file is never committed")
                .contains("sharepulse.env");
    }

    @Test
    void theServicePointsAtTheStoresUnderTheirServiceNamesWithMatchingCredentials() throws IOException {
        Map<String, String> env = serviceEnvironment();
        Endpoint pg = Endpoint.ofJdbc(env.get("QUARKUS_DATASOURCE_JDBC_URL")).orElseThrow();
        Endpoint redis = Endpoint.ofRedis(env.get("QUARKUS_REDIS_HOSTS")).orElseThrow();
        assertThat(pg).isEqualTo(new Endpoint("postgres", 5432));
        assertThat(redis).isEqualTo(new Endpoint("redis", 6379));
        JsonNode postgres = service("postgres").path("environment");
        assertThat(postgres.path("POSTGRES_DB").asText()).isEqualTo(Endpoint.database(env.get("QUARKUS_DATASOURCE_JDBC_URL")));
        assertThat(postgres.path("POSTGRES_USER").asText()).isEqualTo(env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertThat(postgres.path("POSTGRES_PASSWORD").asText()).startsWith("${QUARKUS_DATASOURCE_PASSWORD");
        assertThat(String.join(" ", list(service("redis").path("command")))).contains("--requirepass ${QUARKUS_REDIS_PASSWORD");
        assertThat(list(service("postgres").path("healthcheck").path("test")))
                .containsSequence("-U", env.get("QUARKUS_DATASOURCE_USERNAME"));
    }

    @Test
    void everyInterpolatedVariableIsInTheEnvFileAndItsPlaceholdersAreRefusedAtStartUp() throws IOException {
        Map<String, String> example = envExample();
        Matcher m = INTERPOLATION.matcher(Files.readString(COMPOSE));
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).containsExactlyInAnyOrder("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_PASSWORD");
        assertThat(example).containsKeys(used.toArray(String[]::new));
        for (String secret : List.of("SHAREPULSE_ADMIN_TOKEN", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_PASSWORD")) {
            assertThat(SecretsCheck.isPlaceholder(example.get(secret))).as(secret + " is refused in production").isTrue();
        }
    }

    @Test
    void thePortsAreTheImagesAndManagementStaysOnThisHost() throws IOException {
        List<String> ports = list(service("sharepulse").path("ports"));
        assertThat(ports).containsExactlyInAnyOrder("8080:8080", "127.0.0.1:9000:9000");
        String dockerfile = Files.readString(KubernetesManifestsTest.DOCKERFILE);
        assertThat(dockerfile).contains("EXPOSE 8080 9000");
    }

    @Test
    void theServicesHealthCheckPassesOnARunningInstanceAndFailsOnADeadOne() throws Exception {
        List<String> test = list(service("sharepulse").path("healthcheck").path("test"));
        assertThat(test.get(0)).isEqualTo("CMD");
        List<String> command = test.subList(1, test.size());
        assertThat(String.join(" ", command)).contains("/dev/tcp/127.0.0.1/9000", "/q/health/live");
        assertThat(DockerfileTest.run(command, io.sharepulse.Management.port())).as("against the running service")
                .isZero();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(DockerfileTest.run(command, closed)).as("against a port nobody listens on").isNotZero();
    }
}
