package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.SqlErrorKind;

/**
 * How a write's transactions end: a commit that takes the offsets along and counts what it wrote, or a rollback
 * after a failure, which is where the failure is classified (by the dialect's {@link SqlErrorClassifier}) and, when
 * transient, the connection and what is known of the tables are dropped for the retry.
 */
final class TransactionEnds {

    private final JdbcConnection connection;
    private final SqlErrorClassifier errors;
    private final RowStatements statements;
    private final SinkMetrics metrics;

    TransactionEnds(JdbcConnection connection, SqlErrorClassifier errors, RowStatements statements,
                    SinkMetrics metrics) {
        this.connection = connection;
        this.errors = errors;
        this.statements = statements;
        this.metrics = metrics;
    }

    /** Commits the pending rows with the offsets (when still pending); the rows then leave the pending list. */
    void commit(Connection jdbc, List<Segment> pending, PendingOffsets offsets, WriteCounts counts)
            throws SQLException {
        offsets.storeIn(jdbc);
        jdbc.commit();
        offsets.committed();
        metrics.committed(counts);
        pending.forEach(segment -> segment.rows().clear());
    }

    /** Commits one row written in its own transaction (isolation without savepoints). */
    void commitRow(Connection jdbc, WriteCounts counts) throws SQLException {
        jdbc.commit();
        metrics.committed(counts);
    }

    /** Commits the offsets alone, in a last transaction (isolation without savepoints). */
    void commitOffsets(Connection jdbc, PendingOffsets offsets) throws SQLException {
        if (offsets.pending()) {
            offsets.storeIn(jdbc);
            jdbc.commit();
            offsets.committed();
        }
    }

    /** Rolls back after {@code e} and says what it means; a transient failure also drops the connection. */
    SqlErrorKind rollBack(List<Segment> pending, SQLException e) {
        connection.rollbackQuietly();
        SqlErrorKind kind = errors.classify(e);
        if (kind == SqlErrorKind.TRANSIENT) {
            connection.reset();
            statements.forgetTables(pending);
        }
        return kind;
    }

    /** Rolls back after a failure that is not the database's (a bug, an interrupt). */
    void rollBackQuietly() {
        connection.rollbackQuietly();
    }
}
