package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.cqrsconnect.packaging.fixture.ListedSourceConnector;
import io.cqrsconnect.packaging.fixture.UnlistedTransformation;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveInspectorTest {

    private static final String MANIFEST = """
            {"name": "fixture", "version": "1.0.0", "title": "Fixture", "description": "d",
             "owner": {"username": "cqrs-connect"}, "component_types": ["source"],
             "license": [{"name": "Apache License 2.0"}]}
            """;

    @TempDir
    Path plugin;

    @Test
    void aWellFormedPluginHasNoProblems() throws IOException {
        Files.writeString(plugin.resolve("manifest.json"), MANIFEST);
        jar("fixture-1.0.0.jar", Map.of(
                classEntry(ListedSourceConnector.class), classBytes(ListedSourceConnector.class),
                "META-INF/services/" + SourceConnector.class.getName(),
                ListedSourceConnector.class.getName().getBytes(StandardCharsets.UTF_8)));

        assertThat(PluginArchiveInspector.inspect(plugin)).isEmpty();
    }

    @Test
    void aPluginClassWithoutItsServicesEntryIsReported() throws IOException {
        Files.writeString(plugin.resolve("manifest.json"), MANIFEST);
        jar("fixture-1.0.0.jar", Map.of(classEntry(UnlistedTransformation.class),
                classBytes(UnlistedTransformation.class)));

        assertThat(PluginArchiveInspector.inspect(plugin)).containsExactly(UnlistedTransformation.class.getName()
                + " is a Transformation but META-INF/services/" + Transformation.class.getName()
                + " does not list it");
    }

    @Test
    void aConnectorListedOnlyUnderTheConnectorSupertypeIsReported() throws IOException {
        Files.writeString(plugin.resolve("manifest.json"), MANIFEST);
        jar("fixture-1.0.0.jar", Map.of(
                classEntry(ListedSourceConnector.class), classBytes(ListedSourceConnector.class),
                "META-INF/services/org.apache.kafka.connect.connector.Connector",
                ListedSourceConnector.class.getName().getBytes(StandardCharsets.UTF_8)));

        assertThat(PluginArchiveInspector.inspect(plugin)).containsExactly(ListedSourceConnector.class.getName()
                + " is a SourceConnector but META-INF/services/" + SourceConnector.class.getName()
                + " does not list it");
    }

    @Test
    void aServicesEntryForAMissingClassIsReported() throws IOException {
        Files.writeString(plugin.resolve("manifest.json"), MANIFEST);
        jar("fixture-1.0.0.jar", Map.of("META-INF/services/" + SourceConnector.class.getName(),
                "io.cqrsconnect.Gone\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(PluginArchiveInspector.inspect(plugin)).containsExactly("META-INF/services/"
                + SourceConnector.class.getName() + " lists io.cqrsconnect.Gone, which is not in lib/ or does not load");
    }

    @Test
    void kafkaAndSlf4jJarsInLibAreReported() throws IOException {
        Files.writeString(plugin.resolve("manifest.json"), MANIFEST);
        jar("kafka-clients-4.3.1.jar", Map.of("org/apache/kafka/clients/Fake.class", new byte[] {0}));
        jar("slf4j-api-2.0.17.jar", Map.of("org/slf4j/Logger.class", new byte[] {0}));
        jar("shaded-thing-1.0.jar", Map.of("org/apache/kafka/common/Shaded.class", new byte[] {0}));

        assertThat(PluginArchiveInspector.inspect(plugin)).containsExactlyInAnyOrder(
                "lib/kafka-clients-4.3.1.jar is provided by the worker and must not be bundled",
                "lib/slf4j-api-2.0.17.jar is provided by the worker and must not be bundled",
                "lib/shaded-thing-1.0.jar contains org.apache.kafka. classes, which the worker provides "
                        + "(org/apache/kafka/common/Shaded.class)");
    }

    @Test
    void aMissingOrIncompleteManifestIsReported() throws IOException {
        jar("fixture-1.0.0.jar", Map.of());
        assertThat(PluginArchiveInspector.inspect(plugin)).containsExactly("no manifest.json at the plugin's top level");

        Files.writeString(plugin.resolve("manifest.json"), "{\"name\": \"x\", \"version\": \"${project.version}\"}");
        assertThat(PluginArchiveInspector.inspect(plugin)).contains(
                "manifest.json lacks field 'owner'",
                "manifest.json version was not filtered: ${project.version}");
    }

    @Test
    void aPluginWithoutJarsIsReported() {
        assertThat(PluginArchiveInspector.inspect(plugin)).contains("no lib/ directory");
    }

    private void jar(String name, Map<String, byte[]> entries) throws IOException {
        Path lib = Files.createDirectories(plugin.resolve("lib"));
        try (OutputStream out = Files.newOutputStream(lib.resolve(name));
             JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : new LinkedHashMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
    }

    private static String classEntry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(classEntry(type))) {
            return in.readAllBytes();
        }
    }
}
