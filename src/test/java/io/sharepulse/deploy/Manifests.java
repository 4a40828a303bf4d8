package io.sharepulse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The {@code k8s/} tree as Kubernetes would see it: every manifest parsed with the fabric8 model, and each
 * install (a kustomization) assembled from its resources and patches the way kustomize does for what we use
 * (resource lists, one namespace, ConfigMap data patches).
 */
final class Manifests {

    static final Path ROOT = Path.of("k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every YAML file under k8s/ that is not a kustomization. */
    static List<Path> files() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An example the operator copies by hand ({@code *.example.yaml}), never part of a kustomization. */
    static boolean isExample(Path file) {
        return file.getFileName().toString().endsWith(".example.yaml");
    }

    /** The Secret the service and the stores read, as the example shows it. */
    static io.fabric8.kubernetes.api.model.Secret secretExample() {
        return (io.fabric8.kubernetes.api.model.Secret) parse(ROOT.resolve("app/secret.example.yaml")).get(0);
    }

    /** Every directory with a kustomization. */
    static List<Path> kustomizations() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.getFileName().toString().equals(KUSTOMIZATION)).map(Path::getParent)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of one file (one or several YAML documents). */
    static List<HasMetadata> parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> parse(InputStream in) {
        Object parsed = KUBERNETES.unmarshal(in);
        List<HasMetadata> out = new ArrayList<>();
        if (parsed instanceof Collection<?> many) {
            many.forEach(o -> out.add((HasMetadata) o));
        } else if (parsed instanceof HasMetadata one) {
            out.add(one);
        } else {
            throw new IllegalStateException("not a Kubernetes object: " + parsed);
        }
        return out;
    }

    static JsonNode kustomization(Path dir) {
        try {
            return YAML.readTree(dir.resolve(KUSTOMIZATION).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources a kustomization lists, as paths (a file, or a directory with its own kustomization). */
    static List<Path> resources(Path dir) {
        List<Path> out = new ArrayList<>();
        kustomization(dir).path("resources").forEach(r -> out.add(dir.resolve(r.asText()).normalize()));
        return out;
    }

    static List<Path> patches(Path dir) {
        List<Path> out = new ArrayList<>();
        kustomization(dir).path("patches").forEach(p -> out.add(dir.resolve(p.path("path").asText()).normalize()));
        return out;
    }

    /** The manifest files one kustomization takes in, through nested kustomizations. */
    static List<Path> filesOf(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path resource : resources(dir)) {
            if (Files.isDirectory(resource)) {
                out.addAll(filesOf(resource));
            } else {
                out.add(resource);
            }
        }
        return out;
    }

    /** What {@code kubectl apply -k dir} would send, assembled from the files. */
    static List<HasMetadata> install(Path dir) {
        List<HasMetadata> objects = new ArrayList<>();
        filesOf(dir).forEach(f -> objects.addAll(parse(f)));
        for (Path patch : patches(dir)) {
            for (HasMetadata change : parse(patch)) {
                ConfigMap target = (ConfigMap) find(objects, change.getKind(), change.getMetadata().getName())
                        .orElseThrow(() -> new IllegalStateException(patch + " patches nothing"));
                Map<String, String> data = new LinkedHashMap<>(target.getData());
                data.putAll(((ConfigMap) change).getData());
                target.setData(data);
            }
        }
        String namespace = kustomization(dir).path("namespace").asText(null);
        JsonNode images = kustomization(dir).path("images");
        for (HasMetadata object : objects) {
            if (namespace != null && !"Namespace".equals(object.getKind())) {
                object.getMetadata().setNamespace(namespace);
            }
            PodTemplateSpec pod = podTemplate(object);
            if (pod != null) {
                images.forEach(image -> pod.getSpec().getContainers().stream()
                        .filter(c -> c.getImage().equals(image.path("name").asText()))
                        .forEach(c -> c.setImage(c.getImage() + ":" + image.path("newTag").asText())));
            }
        }
        return objects;
    }

    static Optional<HasMetadata> find(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** The pod template of a workload, or null. */
    static PodTemplateSpec podTemplate(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        }
        if (object instanceof Job j) {
            return j.getSpec().getTemplate();
        }
        return null;
    }

    /** Whether a label selector (matchLabels only, as we write them) selects these labels. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchExpressions().isEmpty() && selects(selector.getMatchLabels(), labels);
    }

    /**
     * Fields the model did not know (a misspelt {@code readinesProbe}), which the fabric8 model keeps aside in
     * {@code additionalProperties} and an API server with strict field validation would refuse.
     */
    static List<String> unknownFields(Object node, String path) {
        List<String> out = new ArrayList<>();
        walk(node, path, out, 0);
        return out;
    }

    private static void walk(Object node, String path, List<String> out, int depth) {
        if (node == null || depth > 40) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", out, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, out, depth + 1));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        out.add(path + ": " + extra.keySet());
                    }
                } else {
                    walk(value, path + "." + getter.getName().substring(3), out, depth + 1);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
