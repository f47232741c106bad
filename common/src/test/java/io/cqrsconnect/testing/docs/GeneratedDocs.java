package io.cqrsconnect.testing.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a generated document under {@code docs/} (a connector's configuration reference, say) equal to what the
 * code generates: the test writes the fresh text, and fails when the file held something else, so stale docs never
 * land unnoticed and the fix is already on disk ("commit it").
 */
public final class GeneratedDocs {

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
     * Writes {@code text} to {@code docs/<relativePath>}.
     *
     * @throws AssertionError when the file was missing or different: it now holds the fresh text, commit it
     */
    public static void writeAndCheck(String relativePath, String text) {
        Path file = directory().resolve(relativePath);
        try {
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (text.equals(before)) {
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            throw new AssertionError("docs/" + relativePath + (before == null ? " did not exist" : " was stale")
                    + "; it has been regenerated from the code: review and commit it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
