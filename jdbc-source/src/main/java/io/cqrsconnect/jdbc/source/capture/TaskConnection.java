package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.SQLException;

import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source task's one connection, and what a failure on it means: a transient failure closes it, and the next poll
 * reconnects after a backoff; once {@code max.retries} are spent, or on any other failure, the task fails rather
 * than show RUNNING while it reads nothing. {@link #stop} closes it from the worker's thread, which ends a read in
 * flight.
 */
public final class TaskConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConnection.class);

    /** What a task does on a new connection before it uses it (for example, set its isolation level). */
    @FunctionalInterface
    public interface Setup {
        void prepare(Connection connection) throws SQLException;
    }

    private final JdbcSourceConnectorConfig config;
    private final SourceDialect dialect;
    private final RetryPolicy retryPolicy;
    private final String reading;
    private final Setup setup;
    private volatile Connection connection;
    private volatile boolean stopping;
    private int failures;

    /**
     * @param reading what the task reads, for its messages ("the changelogs", "tables")
     * @param setup   run on each new connection
     */
    public TaskConnection(JdbcSourceConnectorConfig config, SourceDialect dialect, String reading, Setup setup) {
        this.config = config;
        this.dialect = dialect;
        this.retryPolicy = config.retryPolicy();
        this.reading = reading;
        this.setup = setup;
    }

    /** The open connection, opened (and set up) when there is none. */
    public Connection get() throws SQLException {
        Connection open = connection;
        if (open == null) {
            open = SourceConnections.open(config, dialect);
            try {
                setup.prepare(open);
            } catch (SQLException e) {
                open.close();
                throw e;
            }
            connection = open;
        }
        return open;
    }

    /** After a poll that read without failing: the retries start over. */
    public void succeeded() {
        failures = 0;
    }

    /**
     * After a failed poll: closes the connection, then either fails the task or waits the next backoff, after which
     * the next poll reconnects.
     *
     * @throws ConnectException when the failure is not transient, or the retries are spent
     */
    public void failed(SQLException e) throws InterruptedException {
        close();
        if (stopping) {
            return;
        }
        SqlErrorKind kind = dialect.errors().classify(e);
        failures++;
        if (kind != SqlErrorKind.TRANSIENT || failures > retryPolicy.maxRetries()) {
            throw new ConnectException("JDBC source failed reading " + reading + " at " + config.connectionUrl()
                    + (kind == SqlErrorKind.TRANSIENT ? " after " + retryPolicy.maxRetries() + " retries (max.retries)"
                    : "") + ": " + e.getMessage(), e);
        }
        long wait = retryPolicy.backoff(failures).toMillis();
        LOG.warn("Reading {} failed ({}); reconnecting in {} ms, retry {} of {}", reading, e.toString(), wait,
                failures, retryPolicy.maxRetries());
        Thread.sleep(wait);
    }

    public boolean stopping() {
        return stopping;
    }

    /** From the worker's thread: no more reads; closing the connection ends one in flight. */
    public void stop() {
        stopping = true;
        close();
    }

    private void close() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.debug("Closing the connection failed", e);
            }
        }
    }
}
