package io.cqrsconnect.testing.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution zip (a test dependency from Maven Central), unpacked once per build directory.
 *
 * <p>It is unpacked under {@code target/} rather than used in place because the local Maven repository is usually
 * not readable by other users, and the node must run as an unprivileged user when the build runs as root.
 */
final class ElasticsearchDistribution {

    static final String ZIP_PROPERTY = "cqrs.elasticsearch.distribution";
    static final String BUILD_DIRECTORY_PROPERTY = "cqrs.build.directory";
    private static final String MARKER = ".cqrs-unpacked";
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private final Path home;
    private final String version;

    private ElasticsearchDistribution(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    /** The unpacked distribution, unpacking it first if no earlier run (of any JVM) finished doing so. */
    static synchronized ElasticsearchDistribution unpacked() {
        Path zip = zip();
        Path buildDirectory = buildDirectory();
        try {
            String topLevel = topLevelDirectory(zip);
            String version = topLevel.substring("elasticsearch-".length());
            Path home = buildDirectory.resolve(topLevel);
            String stamp = zip.toAbsolutePath() + "\n" + Files.size(zip) + "\n" + Files.getLastModifiedTime(zip) + "\n";
            Files.createDirectories(buildDirectory);
            // Two JVMs can use the same build directory at once (parallel forks, an IDE run beside Maven): the file
            // lock keeps them from unpacking over each other; the synchronized keeps two threads of one JVM apart.
            try (FileChannel lockChannel = FileChannel.open(buildDirectory.resolve(topLevel + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockChannel.lock(); // released when the channel closes
                Path marker = home.resolve(MARKER);
                if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(stamp)) {
                    deleteRecursively(home);
                    unzip(zip, buildDirectory, buildDirectory.resolve(topLevel));
                    makeReadableByAll(home);
                    Files.writeString(marker, stamp, StandardCharsets.UTF_8);
                }
                SecurityAnalysisPlugin.installInto(home, version);
            }
            return new ElasticsearchDistribution(home, version);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Elasticsearch distribution " + zip + " into "
                    + buildDirectory, e);
        }
    }

    Path home() {
        return home;
    }

    String version() {
        return version;
    }

    Path bin(String tool) {
        return home.resolve("bin").resolve(tool);
    }

    /** Copies {@code config/} to {@code target}, so each node has its own settings, users and keystore. */
    void copyConfigTo(Path target) throws IOException {
        Path config = home.resolve("config");
        try (Stream<Path> paths = Files.walk(config)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Files.copy(source, target.resolve(config.relativize(source).toString()));
            }
        }
    }

    static Path buildDirectory() {
        // Outside Maven (an IDE run) the module's target directory is the working directory's target/.
        return Path.of(System.getProperty(BUILD_DIRECTORY_PROPERTY, "target")).toAbsolutePath().normalize();
    }

    private static Path zip() {
        String configured = System.getProperty(ZIP_PROPERTY);
        if (configured == null || configured.isBlank() || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("The Elasticsearch distribution zip was not found (system property "
                    + ZIP_PROPERTY + " = " + configured + "). Run the tests through the build, e.g. "
                    + "'./mvnw verify -pl common': Maven fetches "
                    + "org.elasticsearch.distribution.integ-test-zip:elasticsearch:zip and failsafe passes its path.");
        }
        return Path.of(configured);
    }

    private static String topLevelDirectory(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            if (!entries.hasMoreElements()) {
                throw new IllegalStateException("the Elasticsearch distribution " + zip + " is empty");
            }
            String name = entries.nextElement().getName();
            String topLevel = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            if (!topLevel.startsWith("elasticsearch-")) {
                throw new IllegalStateException("unexpected layout of " + zip + ": first entry is " + name);
            }
            return topLevel;
        }
    }

    /**
     * Extracts {@code zip} into {@code target}, refusing any entry that would land outside {@code within}; returns
     * the files written. java.util.zip drops the Unix modes: the caller sets them.
     */
    static List<Path> unzip(Path zip, Path target, Path within) throws IOException {
        Path root = within.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.toAbsolutePath().resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IllegalStateException("refusing zip entry outside " + root + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                    written.add(destination);
                }
            }
        }
        return written;
    }

    /**
     * java.util.zip drops the Unix modes and the umask decides the rest, so the modes are set explicitly: the
     * unprivileged node user needs to read every file and run the scripts in bin/.
     */
    private static void makeReadableByAll(Path home) throws IOException {
        Path bin = home.resolve("bin");
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path)) {
                    Files.setPosixFilePermissions(path, DIRECTORY);
                } else if (bin.equals(path.getParent())) {
                    Files.setPosixFilePermissions(path, EXECUTABLE);
                } else {
                    Files.setPosixFilePermissions(path, REGULAR);
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(each);
            }
        }
    }
}
