package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every plugin archive the build made is on the local stack's plugin.path, and each is fit to ship
 * ({@link PluginArchiveInspector}), its example configurations keeping passwords out of plain text included
 * ({@link ExampleConfigSecrets}). The expected set is the packaging POM's {@code cqrs.plugins} list, so a connector
 * whose archive stops being built fails here rather than at a user's worker.
 */
class PluginArchivesIT {

    @Test
    void everyConnectorModuleIsPackagedAndFitToShip() throws IOException {
        Path pluginPath = Path.of(System.getProperty("cqrs.plugin.path"));
        Set<String> expected = Arrays.stream(System.getProperty("cqrs.plugins", "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> packaged;
        try (Stream<Path> entries = Files.list(pluginPath)) {
            packaged = entries.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(packaged).as("plugin directories in %s", pluginPath).isEqualTo(expected);

        for (String plugin : packaged) {
            assertThat(PluginArchiveInspector.inspect(pluginPath.resolve(plugin))).as(plugin).isEmpty();
            assertThat(ExampleConfigSecrets.plainPasswords(pluginPath.resolve(plugin))).as(plugin).isEmpty();
            // the generated references users read next to the plugin: its settings, and a connector's metrics
            try (Stream<Path> docs = Files.list(pluginPath.resolve(plugin).resolve("doc"))) {
                List<String> names = docs.map(doc -> doc.getFileName().toString()).toList();
                assertThat(names).as("%s doc/", plugin).anyMatch(name -> name.endsWith("-config.md"))
                        .contains("README.md", "LICENSE");
                if (!plugin.contains("extension")) {
                    assertThat(names).as("%s doc/", plugin).anyMatch(name -> name.endsWith("-metrics.md"));
                }
            }
        }
    }

    @Test
    void theElasticsearchArchiveCarriesNoJdbcKit() throws IOException {
        Path pluginPath = Path.of(System.getProperty("cqrs.plugin.path"));
        Path plugin;
        try (Stream<Path> entries = Files.list(pluginPath)) {
            plugin = entries.filter(dir -> dir.getFileName().toString().startsWith("cqrs-connect-elasticsearch-sink"))
                    .findFirst().orElseThrow(() -> new AssertionError("no Elasticsearch sink plugin in " + pluginPath));
        }
        Set<String> jdbcEntries = new TreeSet<>();
        try (Stream<Path> jars = Files.list(plugin.resolve("lib"))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(JarEntry::getName)
                            .filter(name -> name.startsWith("io/cqrsconnect/jdbc/")
                                    || name.startsWith("META-INF/services/io.cqrsconnect.jdbc.")
                                    || name.equals("META-INF/services/java.sql.Driver"))
                            .forEach(name -> jdbcEntries.add(jar.getFileName() + "!" + name));
                }
            }
        }
        assertThat(jdbcEntries).as("JDBC classes, dialect or driver entries in %s", plugin).isEmpty();
    }
}
