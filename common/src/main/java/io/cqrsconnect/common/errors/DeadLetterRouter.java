package io.cqrsconnect.common.errors;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a record that cannot be written on its own merits: with the worker's error tolerance set
 * to {@code all}, the record goes to the worker's errant-record reporter (the dead-letter queue topic when
 * {@code errors.deadletterqueue.topic.name} is set, the log otherwise) and the caller goes on with the rest; without
 * it, the task fails with the record's error. The worker waits for reported records before it commits their offsets,
 * so a reported record is never lost.
 */
public final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final ErrantRecordReporter reporter;

    private DeadLetterRouter(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** The router for a task; works on workers too old to offer a reporter (the task then fails on bad records). */
    public static DeadLetterRouter of(SinkTaskContext context) {
        ErrantRecordReporter reporter;
        try {
            reporter = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            reporter = null;
        }
        return new DeadLetterRouter(reporter);
    }

    /** A router for a known reporter, or none. */
    public static DeadLetterRouter of(ErrantRecordReporter reporterOrNull) {
        return new DeadLetterRouter(reporterOrNull);
    }

    /** True when bad records are reported and skipped rather than failing the task. */
    public boolean tolerates() {
        return reporter != null;
    }

    /**
     * Reports a bad record, or fails the task with its error when the worker does not tolerate errors.
     *
     * @throws ConnectException carrying {@code error} when bad records are not tolerated
     */
    public void route(SinkRecord record, BadRecordException error) {
        if (reporter == null) {
            throw new ConnectException(error.getMessage() + " To send such records to a dead-letter queue and go "
                    + "on, set errors.tolerance=all and errors.deadletterqueue.topic.name.", error);
        }
        LOG.warn("Sending record to the dead-letter queue: {}", error.getMessage());
        reporter.report(record, error);
    }
}
