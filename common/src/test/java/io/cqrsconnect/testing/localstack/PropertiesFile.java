package io.cqrsconnect.testing.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@code .properties} file the way people write Kafka's: {@code key=value}, one a line, in the given order.
 *
 * <p>{@link java.util.Properties#store} would escape every {@code :} ({@code listeners=PLAINTEXT\://...}) and sort
 * nothing: valid, but not a file anyone wants to read when a start fails. Values here never hold backslashes or line
 * breaks (paths are absolute Unix paths), which is checked rather than escaped.
 */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static void write(Path file, String comment, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        properties.forEach((key, value) -> {
            if (value.contains("\\") || value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("cannot write " + key + "=" + value + " without escaping");
            }
            text.append(key).append('=').append(value).append('\n');
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
