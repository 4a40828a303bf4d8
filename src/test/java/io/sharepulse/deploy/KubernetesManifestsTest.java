package io.sharepulse.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The manifests under {@code k8s/} would apply and run: each install parses with the Kubernetes model (no field the
 * API does not know), every container has probes, limits and a non-root user with a read-only root FS, every
 * selector and reference finds its target, and the service's environment names are settings it really reads.
 * The probe and metrics paths are asked of a running instance.
 */
@QuarkusTest
class KubernetesManifestsTest {

    static final String APP = "sharepulse";
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    /** The installs an operator applies: one Redis, or the Redis Cluster variant. */
    static Stream<Path> installs() {
        return Stream.of(Manifests.ROOT, Manifests.ROOT.resolve("with-redis-cluster"));
    }

    @Test
    void everyManifestParsesWithoutUnknownFields() {
        assertThat(Manifests.files()).hasSizeGreaterThan(15);
        for (Path file : Manifests.files()) {
            List<HasMetadata> objects = Manifests.parse(file);
            assertThat(objects).as(file.toString()).isNotEmpty();
            for (HasMetadata o : objects) {
                assertThat(o.getMetadata().getName()).as(file.toString()).isNotBlank();
                assertThat(Manifests.unknownFields(o, file + ":" + o.getKind())).as("fields the API does not know")
                        .isEmpty();
                if (!file.getParent().getFileName().toString().startsWith("with-")) { // patches carry no labels
                    assertThat(o.getMetadata().getLabels()).as(file.toString())
                            .containsEntry("app.kubernetes.io/part-of", APP);
                }
            }
        }
    }

    @Test
    void everyFileBelongsToAKustomizationAndEveryReferenceExists() {
        Set<Path> referenced = new HashSet<>();
        for (Path dir : Manifests.kustomizations()) {
            for (Path resource : Manifests.resources(dir)) {
                assertThat(Files.isRegularFile(resource) || Files.isRegularFile(resource.resolve(Manifests.KUSTOMIZATION)))
                        .as(dir + " lists " + resource).isTrue();
                referenced.add(resource);
            }
            for (Path patch : Manifests.patches(dir)) {
                assertThat(patch).as(dir + " patches with").isRegularFile();
                // The assembly below merges ConfigMap data; any other patch needs kustomize's full merge.
                Manifests.parse(patch).forEach(p -> assertThat(p).isInstanceOf(ConfigMap.class));
                referenced.add(patch);
            }
        }
        assertThat(Manifests.files()).filteredOn(f -> !Manifests.isExample(f))
                .allSatisfy(f -> assertThat(referenced).as("no kustomization takes " + f).contains(f.normalize()));
        assertThat(referenced).as("examples are never applied").noneMatch(Manifests::isExample);
    }

    @ParameterizedTest
    @MethodSource("installs")
    void noInstallCarriesASecretAndTheExamplesValuesAreRefusedAtStartUp(Path install) {
        assertThat(Manifests.install(install)).as("the operator creates the Secret; placeholders are never applied")
                .noneMatch(o -> o instanceof Secret);
        Secret example = Manifests.secretExample();
        assertThat(example.getMetadata().getName()).isEqualTo("sharepulse-secrets");
        assertThat(example.getStringData()).isNotEmpty().allSatisfy((key, value) -> assertThat(
                io.sharepulse.platform.SecretsCheck.isPlaceholder(value)).as(key + " is refused in production").isTrue());
    }

    @Test
    void theServiceTrustsNoWholePrivateNetworkAsProxies() {
        List<HasMetadata> objects = Manifests.install(Manifests.ROOT);
        String trusted = environment(objects, app(objects)).get("SHAREPULSE_CLIENT_IP_TRUSTED_PROXIES");
        assertThat(trusted).isNotBlank();
        for (String range : trusted.split(",")) {
            String[] parts = range.strip().split("/");
            int prefix = parts.length == 1 ? 128 : Integer.parseInt(parts[1]);
            assertThat(prefix).as(range + ": a range of at most a /16 (IPv4) or /64 (IPv6)")
                    .isGreaterThanOrEqualTo(parts[0].contains(":") ? 64 : 16);
        }
    }

    @ParameterizedTest
    @MethodSource("installs")
    void namesAreUniqueAndEverythingLandsInOneNamespace(Path install) {
        List<HasMetadata> objects = Manifests.install(install);
        Set<String> seen = new HashSet<>();
        for (HasMetadata o : objects) {
            assertThat(seen.add(o.getKind() + "/" + o.getMetadata().getName())).as("duplicate " + o.getKind() + "/"
                    + o.getMetadata().getName()).isTrue();
        }
        assertThat(objects).filteredOn(o -> !"Namespace".equals(o.getKind()))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(APP));
        assertThat(Manifests.find(objects, "Namespace", APP)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("installs")
    void everyContainerHasProbesLimitsAndNoPrivileges(Path install) {
        for (HasMetadata workload : workloads(Manifests.install(install))) {
            PodSpec pod = Manifests.podTemplate(workload).getSpec();
            String where = workload.getKind() + "/" + workload.getMetadata().getName();
            assertThat(pod.getAutomountServiceAccountToken()).as(where + " mounts an API token").isFalse();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                String name = where + " container " + c.getName();
                // A Job's container runs to completion: Kubernetes gives it no readiness, and liveness would only
                // kill a finished step. Everything that keeps running is probed.
                if (!(workload instanceof Job)) {
                    assertThat(c.getLivenessProbe()).as(name + " liveness").isNotNull();
                    assertThat(c.getReadinessProbe()).as(name + " readiness").isNotNull();
                    for (Probe probe : probes(c)) {
                        assertProbeTargetsAPort(name, c, probe);
                    }
                }
                assertThat(c.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
                assertThat(c.getImage()).as(name + " image is pinned").contains(":");

                SecurityContext sc = c.getSecurityContext();
                PodSecurityContext psc = pod.getSecurityContext();
                assertThat(sc).as(name + " security context").isNotNull();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc == null ? null : psc.getRunAsNonRoot();
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
                assertThat(nonRoot).as(name + " runAsNonRoot").isTrue();
                assertThat(user).as(name + " runAsUser").isNotNull().isPositive();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name + " privilege escalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name + " read-only root FS").isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(name + " capabilities").containsExactly("ALL");
                assertThat(psc.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");

                Set<String> volumes = new HashSet<>();
                pod.getVolumes().stream().map(Volume::getName).forEach(volumes::add);
                if (workload instanceof StatefulSet s) {
                    s.getSpec().getVolumeClaimTemplates().forEach(t -> volumes.add(t.getMetadata().getName()));
                }
                c.getVolumeMounts().forEach(m -> assertThat(volumes).as(name + " mounts " + m.getName())
                        .contains(m.getName()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("installs")
    void selectorsAndReferencesFindTheirTargets(Path install) {
        List<HasMetadata> objects = Manifests.install(install);
        List<HasMetadata> workloads = workloads(objects);
        for (HasMetadata o : objects) {
            String where = o.getKind() + "/" + o.getMetadata().getName();
            if (o instanceof Service service) {
                List<HasMetadata> backends = workloads.stream().filter(w -> Manifests.selects(service.getSpec()
                        .getSelector(), Manifests.podTemplate(w).getMetadata().getLabels())).toList();
                assertThat(backends).as(where + " selects pods").isNotEmpty();
                for (ServicePort port : service.getSpec().getPorts()) {
                    String target = port.getTargetPort().getStrVal();
                    assertThat(backends).as(where + " target port " + target).allSatisfy(w ->
                            assertThat(Manifests.podTemplate(w).getSpec().getContainers().stream()
                                    .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName)).contains(target));
                }
            }
            if (o instanceof Deployment d) {
                assertThat(Manifests.selects(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata()
                        .getLabels())).as(where + " selects its own pods").isTrue();
            }
            if (o instanceof StatefulSet s) {
                assertThat(Manifests.selects(s.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata()
                        .getLabels())).as(where + " selects its own pods").isTrue();
                Service governing = (Service) Manifests.find(objects, "Service", s.getSpec().getServiceName())
                        .orElseThrow(() -> new AssertionError(where + " has no governing Service"));
                assertThat(governing.getSpec().getClusterIP()).as(where + " governing Service is headless")
                        .isEqualTo("None");
            }
            if (o instanceof HorizontalPodAutoscaler hpa) {
                Deployment target = (Deployment) Manifests.find(objects, "Deployment",
                        hpa.getSpec().getScaleTargetRef().getName()).orElseThrow();
                assertThat(target.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
                assertThat(hpa.getSpec().getMinReplicas()).as("survives one pod's loss").isGreaterThanOrEqualTo(2);
            }
            if (o instanceof PodDisruptionBudget pdb) {
                assertThat(workloads).as(where + " selects pods").anySatisfy(w -> assertThat(Manifests.selects(
                        pdb.getSpec().getSelector(), Manifests.podTemplate(w).getMetadata().getLabels())).isTrue());
            }
            if (o instanceof NetworkPolicy np) {
                List<NetworkPolicyPeer> peers = new ArrayList<>();
                np.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom()));
                np.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo()));
                assertThat(workloads).as(where + " applies to pods").anySatisfy(w -> assertThat(Manifests.selects(
                        np.getSpec().getPodSelector(), Manifests.podTemplate(w).getMetadata().getLabels())).isTrue());
                for (NetworkPolicyPeer peer : peers) {
                    assertThat(workloads).as(where + " peer " + peer.getPodSelector()).anySatisfy(w -> assertThat(
                            Manifests.selects(peer.getPodSelector(), Manifests.podTemplate(w).getMetadata()
                                    .getLabels())).isTrue());
                }
            }
        }
        for (HasMetadata w : workloads) {
            PodSpec pod = Manifests.podTemplate(w).getSpec();
            String where = w.getKind() + "/" + w.getMetadata().getName();
            if (pod.getServiceAccountName() != null) {
                assertThat(Manifests.find(objects, "ServiceAccount", pod.getServiceAccountName())).as(where).isPresent();
            }
            for (Volume v : pod.getVolumes()) {
                if (v.getConfigMap() != null) {
                    assertThat(Manifests.find(objects, "ConfigMap", v.getConfigMap().getName())).as(where).isPresent();
                }
            }
            for (Container c : pod.getContainers()) {
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        String ref = from.getConfigMapRef().getName();
                        assertThat(Manifests.find(objects, "ConfigMap", ref)).as(where + " envFrom " + ref).isPresent();
                    } else {
                        secret(objects, from.getSecretRef().getName());
                    }
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        Secret secret = secret(objects, ref.getName());
                        assertThat(secretKeys(secret)).as(where + " " + env.getName()).contains(ref.getKey());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("installs")
    void theServicesEnvironmentNamesAreSettingsItReads(Path install) {
        List<HasMetadata> objects = Manifests.install(install);
        Set<String> ours = ConfigNames.sharepulse();
        Map<String, String> quarkus = ConfigNames.quarkus();
        assertThat(ours).contains("SHAREPULSE_ADMIN_TOKEN", "SHAREPULSE_CLIENT_IP_TRUSTED_PROXIES");
        assertThat(quarkus).containsEntry("QUARKUS_REDIS_HOSTS", "RUN_TIME");

        Map<String, String> env = environment(objects, app(objects));
        assertThat(env).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS",
                "SHAREPULSE_ADMIN_TOKEN", "SHAREPULSE_PUBLIC_URL");
        ConfigNames.assertSettingsTheServiceReads(env.keySet());
    }

    @Test
    void theRedisClusterVariantPointsTheServiceAtTheClusterNodes() {
        List<HasMetadata> single = Manifests.install(Manifests.ROOT);
        assertThat(environment(single, app(single))).containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "standalone")
                .containsEntry("QUARKUS_REDIS_HOSTS", "redis://redis:6379");
        assertThat(Manifests.find(single, "Service", "redis")).isPresent();
        assertThat(redisArgs(single, "redis")).containsSequence("--appendonly", "yes");

        List<HasMetadata> cluster = Manifests.install(Manifests.ROOT.resolve("with-redis-cluster"));
        Map<String, String> env = environment(cluster, app(cluster));
        assertThat(env).containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        assertThat(Manifests.find(cluster, "StatefulSet", "redis")).isEmpty();
        StatefulSet nodes = (StatefulSet) Manifests.find(cluster, "StatefulSet", "redis-cluster").orElseThrow();
        assertThat(nodes.getSpec().getReplicas()).as("3 masters, 3 replicas").isEqualTo(6);
        assertThat(redisArgs(cluster, "redis-cluster")).containsSequence("--cluster-enabled", "yes")
                .containsSequence("--appendonly", "yes");
        for (String seed : env.get("QUARKUS_REDIS_HOSTS").split(",")) {
            assertThat(seed).matches("redis://redis-cluster-[0-5]\\.redis-cluster:6379");
        }
        Job create = (Job) Manifests.find(cluster, "Job", "redis-cluster-create").orElseThrow();
        String nodesEnv = create.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("NODES")).findFirst().orElseThrow().getValue();
        assertThat(nodesEnv.split("\\s+")).hasSize(6);
    }

    @Test
    void theServiceContainerMatchesTheImage() throws IOException {
        List<HasMetadata> objects = Manifests.install(Manifests.ROOT);
        Container c = app(objects);
        String dockerfile = Files.readString(DOCKERFILE);
        assertThat(dockerfile).contains("EXPOSE " + c.getPorts().get(0).getContainerPort());
        assertThat(dockerfile).contains("USER " + c.getSecurityContext().getRunAsUser());
        Deployment d = (Deployment) Manifests.find(objects, "Deployment", APP).orElseThrow();
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        ContainerPort management = c.getPorts().stream().filter(p -> p.getName().equals("management")).findFirst()
                .orElseThrow();
        assertThat(dockerfile).containsPattern("EXPOSE .*\\b" + management.getContainerPort() + "\\b");
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", management.getContainerPort().toString());
        assertThat(probes(c)).allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        Service service = (Service) Manifests.find(objects, "Service", APP).orElseThrow();
        assertThat(service.getSpec().getPorts()).as("no Service publishes the management port")
                .noneMatch(p -> "management".equals(p.getTargetPort().getStrVal()));
        // The root FS is read-only: /tmp must be a volume (Vert.x' file cache, the JVM's perf data).
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(c.getStartupProbe()).as("start-up probe").isNotNull();
    }

    @Test
    void theProbeAndMetricsPathsAnswerOnARunningInstance() {
        List<HasMetadata> objects = Manifests.install(Manifests.ROOT);
        Container c = app(objects);
        List<String> paths = new ArrayList<>();
        probes(c).forEach(p -> paths.add(p.getHttpGet().getPath()));
        Deployment d = (Deployment) Manifests.find(objects, "Deployment", APP).orElseThrow();
        paths.add(d.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
        assertThat(paths).hasSize(4).contains("/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics");
        for (String path : paths) {
            io.sharepulse.Management.given().get(path).then().statusCode(HttpStatus.SC_OK);
            given().get(path).then().statusCode(HttpStatus.SC_NOT_FOUND); // not on the public port
        }
    }

    /** kustomize itself (kubectl's) builds each install, to the same objects our assembly tests. */
    @ParameterizedTest
    @MethodSource("installs")
    void kustomizeBuildsTheSameObjects(Path install) throws Exception {
        Assumptions.assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl"))), "kubectl is not installed");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", install.toString()).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(err).isZero();
        List<HasMetadata> built = Manifests.parse(new java.io.ByteArrayInputStream(out));
        List<HasMetadata> ours = Manifests.install(install);
        assertThat(summary(built)).isEqualTo(summary(ours));
        for (HasMetadata o : built) {
            if (o instanceof ConfigMap cm) {
                ConfigMap mine = (ConfigMap) Manifests.find(ours, "ConfigMap", cm.getMetadata().getName()).orElseThrow();
                assertThat(new TreeMap<>(cm.getData())).isEqualTo(new TreeMap<>(mine.getData()));
            }
        }
    }

    static List<String> summary(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName()).sorted().toList();
    }

    static List<HasMetadata> workloads(List<HasMetadata> objects) {
        return objects.stream().filter(o -> Manifests.podTemplate(o) != null).toList();
    }

    static Container app(List<HasMetadata> objects) {
        Deployment d = (Deployment) Manifests.find(objects, "Deployment", APP).orElseThrow();
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(APP))
                .findFirst().orElseThrow();
    }

    /** Every variable the container sees: its env and every key of the ConfigMaps and Secrets it takes whole. */
    static Map<String, String> environment(List<HasMetadata> objects, Container c) {
        Map<String, String> env = new TreeMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = (ConfigMap) Manifests.find(objects, "ConfigMap", from.getConfigMapRef().getName())
                        .orElseThrow();
                env.putAll(cm.getData());
            } else {
                secretKeys(secret(objects, from.getSecretRef().getName())).forEach(k -> env.put(k, "(secret)"));
            }
        }
        c.getEnv().forEach(e -> env.put(e.getName(), Objects.requireNonNullElse(e.getValue(), "(reference)")));
        return env;
    }

    /** A Secret the install refers to: created by the operator, with the keys of the example (never applied). */
    static Secret secret(List<HasMetadata> objects, String name) {
        assertThat(Manifests.find(objects, "Secret", name)).as("Secret " + name + " is not applied from k8s/").isEmpty();
        Secret example = Manifests.secretExample();
        assertThat(example.getMetadata().getName()).as("the example of Secret " + name).isEqualTo(name);
        return example;
    }

    static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new HashSet<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    static List<String> redisArgs(List<HasMetadata> objects, String statefulSet) {
        StatefulSet s = (StatefulSet) Manifests.find(objects, "StatefulSet", statefulSet).orElseThrow();
        return s.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    static List<Probe> probes(Container c) {
        return Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()).filter(Objects::nonNull)
                .toList();
    }

    static void assertProbeTargetsAPort(String name, Container c, Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            assertThat(probe.getExec()).as(name + " probe does something").isNotNull();
            return;
        }
        String port = get.getPort().getStrVal();
        assertThat(c.getPorts()).as(name + " probes port " + port).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
    }
}
