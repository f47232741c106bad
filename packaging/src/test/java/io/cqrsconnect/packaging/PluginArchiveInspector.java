package io.cqrsconnect.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Checks one unpacked plugin directory the way a Connect worker with {@code plugin.discovery=service_load} will see
 * it, and lists every problem found (an empty list means the plugin is fit to ship):
 * <ul>
 *   <li>{@code manifest.json} is there with the fields a component manifest needs;</li>
 *   <li>{@code lib/} holds jars, and none of them is Kafka's, slf4j's or Jakarta REST's (the worker provides those;
 *       a second copy in the plugin's class loader breaks class identity at run time);</li>
 *   <li>every public concrete plugin class of ours has its {@code META-INF/services} entry (without one,
 *       {@code service_load} discovery silently does not see it), and every entry names a class that loads.</li>
 * </ul>
 */
final class PluginArchiveInspector {

    /**
     * The service types a worker looks up with {@link java.util.ServiceLoader} (KIP-898): connectors are found under
     * {@link SinkConnector} and {@link SourceConnector}, never under their common {@code Connector} supertype.
     */
    static final List<Class<?>> PLUGIN_TYPES = List.of(SinkConnector.class, SourceConnector.class, Converter.class,
            HeaderConverter.class, Transformation.class, Predicate.class, ConfigProvider.class,
            ConnectRestExtension.class, ConnectorClientConfigOverridePolicy.class);

    private static final String OUR_PACKAGE = "io/cqrsconnect/";
    private static final List<String> MANIFEST_FIELDS = List.of("name", "version", "title", "description",
            "owner", "component_types", "license");
    private static final List<String> FORBIDDEN_JAR_PREFIXES = List.of("kafka-", "kafka_", "connect-api",
            "connect-runtime", "connect-json", "connect-transforms", "slf4j-", "jakarta.ws.rs-api", "jersey-");
    private static final List<String> FORBIDDEN_PACKAGES = List.of("org/apache/kafka/", "org/slf4j/",
            "jakarta/ws/rs/", "javax/ws/rs/");

    private final Path pluginDirectory;
    private final List<String> problems = new ArrayList<>();

    private PluginArchiveInspector(Path pluginDirectory) {
        this.pluginDirectory = pluginDirectory;
    }

    /** Every problem found in the plugin at {@code pluginDirectory}; empty when it is fit to ship. */
    static List<String> inspect(Path pluginDirectory) {
        PluginArchiveInspector inspector = new PluginArchiveInspector(pluginDirectory);
        inspector.checkManifest();
        List<Path> jars = inspector.checkLib();
        if (!jars.isEmpty()) {
            inspector.checkServiceEntries(jars);
        }
        return List.copyOf(inspector.problems);
    }

    private void checkManifest() {
        Path manifest = pluginDirectory.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            problems.add("no manifest.json at the plugin's top level");
            return;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(manifest.toFile());
            for (String field : MANIFEST_FIELDS) {
                if (!root.hasNonNull(field)) {
                    problems.add("manifest.json lacks field '" + field + "'");
                }
            }
            if (root.hasNonNull("version") && root.get("version").asText().contains("${")) {
                problems.add("manifest.json version was not filtered: " + root.get("version").asText());
            }
        } catch (IOException e) {
            problems.add("manifest.json is not valid JSON: " + e.getMessage());
        }
    }

    private List<Path> checkLib() {
        Path lib = pluginDirectory.resolve("lib");
        if (!Files.isDirectory(lib)) {
            problems.add("no lib/ directory");
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            problems.add("lib/ holds no jar");
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (FORBIDDEN_JAR_PREFIXES.stream().anyMatch(name::startsWith)) {
                problems.add("lib/" + name + " is provided by the worker and must not be bundled");
                continue;
            }
            forEachEntry(jar, entry -> FORBIDDEN_PACKAGES.stream()
                    .filter(pkg -> entry.getName().startsWith(pkg) && entry.getName().endsWith(".class"))
                    .findFirst()
                    .ifPresent(pkg -> problems.add("lib/" + name + " contains " + pkg.replace('/', '.')
                            + " classes, which the worker provides (" + entry.getName() + ")")));
        }
        return jars;
    }

    private void checkServiceEntries(List<Path> jars) {
        Map<String, Set<String>> declared = new HashMap<>();
        Set<String> ourClasses = new TreeSet<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                        declared.computeIfAbsent(name.substring("META-INF/services/".length()), k -> new HashSet<>())
                                .addAll(serviceEntries(file, entry));
                    } else if (name.startsWith(OUR_PACKAGE) && name.endsWith(".class")) {
                        ourClasses.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            } catch (IOException e) {
                problems.add("cannot read " + jar.getFileName() + ": " + e.getMessage());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls(jars), getClass().getClassLoader())) {
            for (String className : ourClasses) {
                Class<?> type = load(loader, className);
                if (type == null || !Modifier.isPublic(type.getModifiers())
                        || Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                    continue;
                }
                for (Class<?> pluginType : PLUGIN_TYPES) {
                    if (pluginType.isAssignableFrom(type)
                            && !declared.getOrDefault(pluginType.getName(), Set.of()).contains(className)) {
                        problems.add(className + " is a " + pluginType.getSimpleName() + " but META-INF/services/"
                                + pluginType.getName() + " does not list it");
                    }
                }
            }
            declared.forEach((service, implementations) -> implementations.forEach(implementation -> {
                if (load(loader, implementation) == null) {
                    problems.add("META-INF/services/" + service + " lists " + implementation
                            + ", which is not in lib/ or does not load");
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Class<?> load(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            problems.add(className + " does not link with the jars in lib/: " + e);
            return null;
        }
    }

    private static List<String> serviceEntries(JarFile file, JarEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceAll("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }

    private static void forEachEntry(Path jar, Consumer<JarEntry> action) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return urls;
    }
}
