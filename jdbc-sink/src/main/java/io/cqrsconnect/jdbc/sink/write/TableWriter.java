package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.schema.TableManager;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Writes segments of rows (and, in exactly-once mode, the offsets they came from) in one transaction, with the
 * statements the dialect makes fastest ({@link RowStatements}).
 * <ul>
 *   <li>A transient failure (connection loss, deadlock, serialization) rolls back, reconnects and retries with
 *       backoff; rows are removed from the pending list only once settled (committed, or refused with nothing
 *       left to roll back), and a settled refusal is kept across the retries ({@link Rejections}), so nothing is
 *       lost, written twice or reported twice.</li>
 *   <li>A failure that a record's value caused rolls back and hands the rows to {@link RowIsolation}, which finds
 *       the refused rows and commits the others with the offsets.</li>
 *   <li>Anything else fails the task with a message naming the table and the records ({@link WriteFailures}).</li>
 * </ul>
 * Each failure is classified once, by the dialect, where its transaction is rolled back ({@link TransactionEnds}).
 * Runs on the task's writer thread ({@link WritePipeline}); refused rows are reported by the task thread.
 */
public final class TableWriter {

    private final JdbcConnection connection;
    private final RowStatements statements;
    private final TransactionEnds ends;
    private final RowIsolation isolation;
    private final WriteFailures failures;
    private final Retrier retrier;
    private final SinkMetrics metrics;

    public TableWriter(SinkDialect dialect, JdbcConnection connection, TableManager tables, RetryPolicy retries,
                       DeadLetterRouter deadLetters, SinkMetrics metrics, InsertMode insertMode) {
        this.connection = connection;
        this.statements = new RowStatements(dialect, tables, insertMode);
        this.ends = new TransactionEnds(connection, dialect.errors(), statements, metrics);
        this.failures = new WriteFailures(dialect.errors());
        this.isolation = new RowIsolation(connection, dialect.errors(), statements, ends, failures, deadLetters);
        this.retrier = new Retrier(retries, error -> error instanceof ClassifiedFailure failure
                && failure.kind() == SqlErrorKind.TRANSIENT);
        this.metrics = metrics;
    }

    /**
     * Writes every segment, and stores {@code nextOffsets} in {@code offsets} (when not null), in one transaction.
     *
     * @return the rows the database refused on their own (only when the dead-letter queue tolerates them)
     * @throws ConnectException when the write fails, or a row is refused and bad rows are not tolerated
     */
    public List<RefusedRow> writeAtomically(List<Segment> segments, OffsetStore offsets,
                                            Map<TopicPartition, Long> nextOffsets) {
        List<Segment> pending = new ArrayList<>();
        int rowCount = 0;
        for (Segment segment : segments) {
            if (!segment.rows().isEmpty()) {
                pending.add(new Segment(segment.table(), new ArrayList<>(segment.rows())));
                rowCount += segment.rows().size();
            }
        }
        PendingOffsets pendingOffsets = new PendingOffsets(offsets, nextOffsets);
        if (pending.isEmpty() && !pendingOffsets.pending()) {
            return List.of();
        }
        long started = System.nanoTime();
        Rejections rejected = new Rejections();
        try {
            retrier.call("writing " + rowCount + " rows to " + WriteFailures.tableNames(pending), () -> {
                rejected.retrying();
                attempt(pending, pendingOffsets, rejected);
                return null;
            });
        } catch (ClassifiedFailure e) {
            throw failures.writeFailed(pending, e.error(), e.kind());
        }
        metrics.flushed(System.nanoTime() - started);
        return rejected.all();
    }

    /** One attempt: the pending rows as a whole, or, when a row is refused, row by row. */
    private void attempt(List<Segment> pending, PendingOffsets offsets, Rejections rejected)
            throws ClassifiedFailure {
        try {
            Connection jdbc = connection.get();
            statements.prepareTables(jdbc, pending);
            WriteCounts counts = WriteCounts.NONE;
            for (Segment segment : pending) {
                counts = counts.plus(statements.write(jdbc, segment.table(), segment.rows()));
            }
            ends.commit(jdbc, pending, offsets, counts);
        } catch (SQLException e) {
            SqlErrorKind kind = ends.rollBack(pending, e);
            if (kind != SqlErrorKind.RECORD) {
                throw new ClassifiedFailure(e, kind);
            }
            isolation.isolate(pending, offsets, rejected);
        }
    }
}
