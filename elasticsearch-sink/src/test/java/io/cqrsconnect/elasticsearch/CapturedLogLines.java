package io.cqrsconnect.elasticsearch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every INFO-or-worse line any logger of the test JVM writes (the embedded workers and their connectors
 * share it) but the test's own REST client, with their causes, so a test can assert that something, such as a secret, never reaches a worker
 * log. The console keeps showing WARN and worse only, as the test configuration has it.
 */
final class CapturedLogLines extends AbstractAppender implements AutoCloseable {

    /**
     * The test's own REST client (EmbeddedConnect) logs each REST answer, and Connect answers a PUT of a
     * connector's config with the config as submitted (secrets stay out of it only through a ConfigProvider): not
     * a line a worker writes.
     */
    private static final String TEST_REST_CLIENT = "org.apache.kafka.connect.util.clusters.";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level rootLevelBefore;
    private final List<Appender> rootAppenders;

    private CapturedLogLines() {
        super("captured-log-lines", null, null, true, Property.EMPTY_ARRAY);
        LoggerConfig root = root();
        rootLevelBefore = root.getLevel();
        rootAppenders = List.copyOf(root.getAppenders().values());
    }

    /** Starts collecting; close it to put the logging configuration back. */
    static CapturedLogLines everything() {
        CapturedLogLines capture = new CapturedLogLines();
        capture.start();
        LoggerConfig root = root();
        for (Appender appender : capture.rootAppenders) {
            root.removeAppender(appender.getName());
            root.addAppender(appender, capture.rootLevelBefore, null);
        }
        root.addAppender(capture, Level.INFO, null);
        root.setLevel(Level.INFO);
        context().updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLoggerName().startsWith(TEST_REST_CLIENT)) {
            return;
        }
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(": ")
                .append(event.getMessage().getFormattedMessage());
        for (Throwable thrown = event.getThrown(); thrown != null; thrown = thrown.getCause()) {
            line.append("\n  caused by ").append(thrown);
        }
        lines.add(line.toString());
    }

    /** The lines collected so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerConfig root = root();
        root.removeAppender(getName());
        for (Appender appender : rootAppenders) {
            root.removeAppender(appender.getName());
            root.addAppender(appender, null, null);
        }
        root.setLevel(rootLevelBefore);
        context().updateLoggers();
        stop();
    }

    private static LoggerConfig root() {
        return context().getConfiguration().getRootLogger();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
