package io.cqrsconnect.packaging;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;

/**
 * Checks the example configurations a plugin ships in {@code etc/}: every setting its connector declares as a
 * {@code PASSWORD} that an example sets is a config provider placeholder ({@code ${file:...}}, {@code ${env:...}},
 * ...), never a password in plain text. Users copy examples; Connect shows a plain password to anyone who can read
 * its REST API, and the README's "Secrets" section tells them not to write one.
 */
final class ExampleConfigSecrets {

    /** Kafka's placeholder shape, {@code ${provider:[path:]key}}, filling the whole value. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}:]+:[^}]+\\}");

    private ExampleConfigSecrets() {
    }

    /** Every password an example in {@code pluginDirectory/etc} sets in plain text; empty when there is none. */
    static List<String> plainPasswords(Path pluginDirectory) throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(pluginDirectory.resolve("etc"))) {
            examples = files.filter(file -> file.toString().endsWith(".properties")).sorted().toList();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(pluginDirectory.resolve("lib"))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
        List<String> problems = new ArrayList<>();
        if (examples.isEmpty()) {
            problems.add(pluginDirectory.getFileName() + " ships no example configuration in etc/");
        }
        try (URLClassLoader loader = new URLClassLoader(PluginArchiveInspector.urls(jars),
                ExampleConfigSecrets.class.getClassLoader())) {
            for (Path example : examples) {
                Properties config = read(example);
                ConfigDef definition = definitionOf(loader, config.getProperty("connector.class"), example);
                for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
                    String value = config.getProperty(key.name);
                    if (key.type == ConfigDef.Type.PASSWORD && value != null && !value.isEmpty()
                            && !PLACEHOLDER.matcher(value).matches()) {
                        problems.add("etc/" + example.getFileName() + " sets " + key.name + " in plain text: give"
                                + " it through a config provider, e.g. ${file:/path/secrets.properties:password}");
                    }
                }
            }
        }
        return problems;
    }

    private static ConfigDef definitionOf(ClassLoader loader, String connectorClass, Path example) {
        if (connectorClass == null) {
            throw new IllegalStateException(example + " has no connector.class");
        }
        try {
            Connector connector = (Connector) Class.forName(connectorClass, true, loader)
                    .getDeclaredConstructor().newInstance();
            return connector.config();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(example + ": cannot instantiate " + connectorClass + " from lib/", e);
        }
    }

    private static Properties read(Path example) {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(example, StandardCharsets.UTF_8)) {
            config.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + example, e);
        }
        return config;
    }
}
