package io.sharepulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.config.ConfigMappings;

/**
 * The environment variable names this service understands, derived from the code rather than kept by hand: ours
 * from {@link SharepulseConfig} (read by SmallRye Config's own mapping reader), Quarkus' from the configuration
 * model every extension jar on the class path ships ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}).
 */
public final class ConfigNames {

    private static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    private ConfigNames() {
    }

    /** {@code SHAREPULSE_…} names of every property of {@link SharepulseConfig}. */
    public static Set<String> sharepulse() {
        Set<String> names = new TreeSet<>();
        ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(SharepulseConfig.class, "sharepulse"))
                .keySet().forEach(property -> names.add(env(property)));
        return names;
    }

    /** {@code QUARKUS_…} names of the installed extensions' properties, each with its phase (RUN_TIME, BUILD_TIME…). */
    public static Map<String, String> quarkus() {
        Map<String, String> phases = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(ConfigNames.class.getClassLoader().getResources(MODEL))) {
                try (InputStream in = model.openStream()) {
                    collect(json.readTree(in), phases);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return phases;
    }

    /**
     * Every name is a property of {@link SharepulseConfig} ({@code SHAREPULSE_…}) or a run-time property of an
     * installed extension ({@code QUARKUS_…}): what a deployment file may set for the service.
     */
    static void assertSettingsTheServiceReads(Collection<String> names) {
        Set<String> ours = sharepulse();
        Map<String, String> quarkus = quarkus();
        for (String name : names) {
            if (name.startsWith("SHAREPULSE_")) {
                assertThat(ours).as(name + " is no property of SharepulseConfig").contains(name);
            } else {
                assertThat(name).as("only our settings and Quarkus' go to the service").startsWith("QUARKUS_");
                // Build-time properties are fixed in the image: setting them at deploy time would do nothing.
                assertThat(quarkus.get(name)).as(name + " is no run-time property of an installed extension")
                        .isEqualTo("RUN_TIME");
            }
        }
    }

    /** The environment form of a property name, as SmallRye Config matches it. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void collect(JsonNode node, Map<String, String> phases) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.isObject() && path.hasNonNull("environmentVariable") && node.hasNonNull("phase")) {
                phases.put(path.get("environmentVariable").asText(), node.get("phase").asText());
            }
            node.forEach(child -> collect(child, phases));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, phases));
        }
    }
}
