package io.cqrsconnect.elasticsearch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the warnings one class logs while a test runs (the embedded workers share the test's JVM and its log4j
 * context), so a test can assert what an operator would read in the worker log.
 */
final class CapturedWarnings extends AbstractAppender implements AutoCloseable {

    private final String loggerName;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedWarnings(String loggerName) {
        super("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.loggerName = loggerName;
    }

    /** Starts collecting the warnings of the named logger (a class's name). */
    static CapturedWarnings of(String loggerName) {
        CapturedWarnings appender = new CapturedWarnings(loggerName);
        appender.start();
        Configurator.setLevel(loggerName, Level.WARN);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(loggerName).addAppender(appender, Level.WARN, null);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    /** The formatted messages logged so far. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(loggerName).removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
