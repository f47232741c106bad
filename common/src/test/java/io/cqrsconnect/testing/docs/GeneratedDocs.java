package io.cqrsconnect.testing.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a generated document under {@code docs/} (a connector's configuration reference, say) equal to what the
 * code generates. A test run only checks: it fails when the file holds something else, and leaves the file alone,
 * so a second run cannot pass on docs nobody reviewed. Run with {@code -Dcqrs.docs.regenerate=true} to write the
 * fresh text, then review the diff and commit it.
 */
public final class GeneratedDocs {

    /** The system property that lets a run write the docs instead of only checking them. */
    public static final String REGENERATE_PROPERTY = "cqrs.docs.regenerate";

    private GeneratedDocs() {
    }

    /** The project's {@code docs/} directory, from the build ({@code cqrs.docs.directory}). */
    public static Path directory() {
        String value = System.getProperty("cqrs.docs.directory");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property cqrs.docs.directory is not set: run the tests with "
                    + "./mvnw (the parent POM's surefire configuration sets it)");
        }
        return Path.of(value);
    }

    /**
     * Checks that {@code docs/<relativePath>} holds {@code text}; with {@value #REGENERATE_PROPERTY} set to
     * {@code true}, writes it instead.
     *
     * @throws AssertionError when the file is missing or different and regeneration was not asked for
     */
    public static void check(String relativePath, String text) {
        Path file = directory().resolve(relativePath);
        try {
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (text.equals(before)) {
                return;
            }
            if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            throw new AssertionError("docs/" + relativePath + (before == null ? " does not exist" : " is stale")
                    + ": regenerate it from the code with ./mvnw test -D" + REGENERATE_PROPERTY + "=true "
                    + "-pl <module> -am, then review the diff and commit it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
