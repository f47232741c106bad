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
                for (String secret : secrets(loader, config, example)) {
                    String value = config.getProperty(secret);
                    if (value != null && !value.isEmpty() && !PLACEHOLDER.matcher(value).matches()) {
                        problems.add("etc/" + example.getFileName() + " sets " + secret + " in plain text: give"
                                + " it through a config provider, e.g. ${file:/path/secrets.properties:password}");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The settings of an example that hold secrets: a connector's {@code PASSWORD} settings; in worker settings (an
     * example without {@code connector.class}, such as a REST extension's), every setting named like a password.
     */
    private static List<String> secrets(ClassLoader loader, Properties config, Path example) {
        String connectorClass = config.getProperty("connector.class");
        if (connectorClass == null) {
            return config.stringPropertyNames().stream().filter(name -> name.endsWith("password")).toList();
        }
        return definitionOf(loader, connectorClass, example).configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).toList();
    }

    private static ConfigDef definitionOf(ClassLoader loader, String connectorClass, Path example) {
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
