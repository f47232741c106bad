package io.cqrsconnect.testing.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log4j2 configuration of the local stack's processes.
 *
 * <p>Kafka 4 logs through slf4j to log4j2. Without a configuration file log4j2 prints ERROR only, which hides
 * everything needed to understand a failed start; the stock {@code config/log4j2.yaml} is not among the Maven jars.
 * So the fixture writes this file and passes {@code -Dlog4j2.configurationFile=}. Everything goes to stdout, which
 * {@link JavaProcess} appends to the process's log file together with stderr: one file per process, in order,
 * including what the JVM prints before logging starts.
 */
public final class ProcessLogging {

    private static final String CONFIG = String.join("\n",
            "# Written by io.cqrsconnect.testing.localstack.ProcessLogging for a local-stack process.",
            "status = warn",
            "appender.stdout.type = Console",
            "appender.stdout.name = stdout",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p [%t] %m (%c)%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.stdout.ref = stdout",
            "# one line per request: far too much for a test log",
            "logger.request.name = kafka.request.logger",
            "logger.request.level = warn",
            "");

    private ProcessLogging() {
    }

    /** Writes {@code log4j2.properties} into {@code dir} and returns the JVM option that makes a process use it. */
    public static String writeConfig(Path dir) {
        Path file = dir.toAbsolutePath().resolve("log4j2.properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return "-Dlog4j2.configurationFile=" + file;
    }
}
