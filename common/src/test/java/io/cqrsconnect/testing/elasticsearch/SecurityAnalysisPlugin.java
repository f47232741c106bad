package io.cqrsconnect.testing.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Installs the {@code .security} index's missing analysis components (see the
 * {@link io.cqrsconnect.testing.elasticsearch.securityanalysis} package) into the unpacked distribution's
 * {@code plugins/} directory as a stable plugin: a descriptor, the {@code named_components.json} that maps each
 * component name to its class, and a jar of the class files, taken from the test classpath.
 *
 * <p>Every node of the distribution gets it (Elasticsearch reads plugins from its home only); nodes without
 * security never use it. The files are rewritten only when their bytes change, so a node another JVM is starting
 * from the same distribution never sees them half-written.
 */
final class SecurityAnalysisPlugin {

    static final String NAME = "cqrs-security-analysis";
    /**
     * Named, not referenced: a class literal would load the class in the test JVM, where the Elasticsearch API it
     * implements is not on the classpath of the modules using this fixture.
     */
    private static final String PACKAGE = "io.cqrsconnect.testing.elasticsearch.securityanalysis.";
    private static final String PATTERN_CAPTURE = PACKAGE + "PatternCaptureTokenFilterFactory";
    private static final String UAX_URL_EMAIL = PACKAGE + "UaxUrlEmailTokenizerFactory";
    private static final String UNIQUE = PACKAGE + "UniqueTokenFilterFactory";
    private static final List<String> CLASSES = List.of(PATTERN_CAPTURE, PACKAGE + "PatternCaptureSettings",
            UAX_URL_EMAIL, UNIQUE, PACKAGE + "UniqueTermsFilter");
    /** A fixed entry time keeps the jar's bytes the same from build to build. */
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01

    private SecurityAnalysisPlugin() {
    }

    static void installInto(Path home, String elasticsearchVersion) throws IOException {
        Path directory = Files.createDirectories(home.resolve("plugins").resolve(NAME));
        // the node may run as another user (see UnprivilegedUser): readable by all, whatever the umask
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        writeIfChanged(directory.resolve("stable-plugin-descriptor.properties"), descriptor(elasticsearchVersion));
        writeIfChanged(directory.resolve("named_components.json"), namedComponents());
        writeIfChanged(directory.resolve(NAME + ".jar"), jar());
    }

    private static byte[] descriptor(String elasticsearchVersion) {
        return String.join("\n",
                "name=" + NAME,
                "description=The analysis components the .security index needs, missing from integ-test-zip",
                "version=1",
                "elasticsearch.version=" + elasticsearchVersion,
                "java.version=17",
                "").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] namedComponents() {
        Map<String, Map<String, String>> byExtensible = new LinkedHashMap<>();
        byExtensible.put("org.elasticsearch.plugin.analysis.TokenFilterFactory", Map.of(
                "pattern_capture", PATTERN_CAPTURE,
                "unique", UNIQUE));
        byExtensible.put("org.elasticsearch.plugin.analysis.TokenizerFactory", Map.of(
                "uax_url_email", UAX_URL_EMAIL));
        StringBuilder json = new StringBuilder("{");
        byExtensible.forEach((extensible, components) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(extensible).append("\":{");
            String entries = components.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                    .reduce((a, b) -> a + "," + b).orElse("");
            json.append(entries).append('}');
        });
        return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (String type : CLASSES) {
                String resource = type.replace('.', '/') + ".class";
                try (InputStream in = SecurityAnalysisPlugin.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(resource + " is not on the test classpath");
                    }
                    ZipEntry entry = new ZipEntry(resource);
                    entry.setTime(ENTRY_TIME);
                    jar.putNextEntry(entry);
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
            Files.write(file, content);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
