package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Iterator;
import java.util.List;

import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;

/**
 * Finds the rows the database refuses on their own merits after a batch failed for one of them: the rows are
 * written again one by one, each behind a savepoint, still in one transaction with the offsets, so the refused rows
 * are set aside with the database's reason (for the dead-letter queue) and the others commit together. On a
 * database without savepoints each row is its own transaction and the offsets follow in a last one. Without a
 * dead-letter queue the first refused row fails the task and nothing of the write commits (without savepoints, the
 * rows before it have committed, their offsets not: they are written again).
 *
 * <p>A row is settled when it is committed, or refused with nothing left to roll back with it: it leaves the
 * pending rows, so a retried write does not write it again, and a settled refusal stays in the {@link Rejections}
 * through retries, so it is reported once.
 */
final class RowIsolation {

    private final JdbcConnection connection;
    private final SqlErrorClassifier errors;
    private final RowStatements statements;
    private final TransactionEnds ends;
    private final WriteFailures failures;
    private final DeadLetterRouter deadLetters;

    RowIsolation(JdbcConnection connection, SqlErrorClassifier errors, RowStatements statements,
                 TransactionEnds ends, WriteFailures failures, DeadLetterRouter deadLetters) {
        this.connection = connection;
        this.errors = errors;
        this.statements = statements;
        this.ends = ends;
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    /**
     * Writes the pending rows one by one, setting the refused ones aside in {@code rejected}.
     *
     * @throws ClassifiedFailure when the isolation itself failed: rolled back, for the retry loop to judge
     */
    void isolate(List<Segment> pending, PendingOffsets offsets, Rejections rejected) throws ClassifiedFailure {
        try {
            Connection jdbc = connection.get();
            Lines lines = jdbc.getMetaData().supportsSavepoints()
                    ? new BehindSavepoints(pending, offsets) : new InOwnTransactions(offsets);
            statements.prepareTables(jdbc, pending);
            for (Segment segment : pending) {
                Iterator<SinkRow> rows = segment.rows().iterator();
                while (rows.hasNext()) {
                    SinkRow row = rows.next();
                    lines.begin(jdbc);
                    try {
                        WriteCounts counts = statements.write(jdbc, segment.table(), List.of(row));
                        if (lines.accept(jdbc, counts)) {
                            rows.remove();
                        }
                    } catch (SQLException e) {
                        if (errors.classify(e) != SqlErrorKind.RECORD) {
                            throw e;
                        }
                        boolean settled = lines.reject(jdbc);
                        if (settled) {
                            rows.remove();
                        }
                        rejected.add(refused(segment.table(), row, e), settled);
                    }
                }
            }
            lines.finish(jdbc);
        } catch (SQLException e) {
            throw new ClassifiedFailure(e, ends.rollBack(pending, e));
        } catch (RuntimeException e) {
            ends.rollBackQuietly();
            throw e;
        }
    }

    /** A refused row, or, when bad rows are not tolerated, the task failure naming it. */
    private RefusedRow refused(String table, SinkRow row, SQLException e) {
        RefusedRow refused = new RefusedRow(row.event().record(), failures.refused(table, row, e));
        if (!deadLetters.tolerates()) {
            deadLetters.route(refused.record(), refused.reason()); // throws, naming the record and the settings
        }
        return refused;
    }

    /** Where the transaction lines are drawn around each row. */
    private interface Lines {

        /** Before a row is written. */
        void begin(Connection jdbc) throws SQLException;

        /**
         * After a row was written, with what it did.
         *
         * @return true when the row is settled
         */
        boolean accept(Connection jdbc, WriteCounts counts) throws SQLException;

        /**
         * After the database refused a row on its own merits: undoes the row.
         *
         * @return true when the row is settled
         */
        boolean reject(Connection jdbc) throws SQLException;

        /** After the last row: commits what is still open, and the offsets. */
        void finish(Connection jdbc) throws SQLException;
    }

    /** Each row behind a savepoint; the good rows commit with the offsets, at once, in {@link #finish}. */
    private final class BehindSavepoints implements Lines {

        private final List<Segment> pending;
        private final PendingOffsets offsets;
        private WriteCounts counts = WriteCounts.NONE;
        private Savepoint savepoint;

        BehindSavepoints(List<Segment> pending, PendingOffsets offsets) {
            this.pending = pending;
            this.offsets = offsets;
        }

        @Override
        public void begin(Connection jdbc) throws SQLException {
            savepoint = jdbc.setSavepoint();
        }

        @Override
        public boolean accept(Connection jdbc, WriteCounts row) throws SQLException {
            jdbc.releaseSavepoint(savepoint);
            counts = counts.plus(row);
            return false; // committed with the others in finish
        }

        @Override
        public boolean reject(Connection jdbc) throws SQLException {
            jdbc.rollback(savepoint);
            return false; // a retry rolls back past it, so it must find it again
        }

        @Override
        public void finish(Connection jdbc) throws SQLException {
            ends.commit(jdbc, pending, offsets, counts);
        }
    }

    /** For databases without savepoints: each row its own transaction, then the offsets in a last one. */
    private final class InOwnTransactions implements Lines {

        private final PendingOffsets offsets;

        InOwnTransactions(PendingOffsets offsets) {
            this.offsets = offsets;
        }

        @Override
        public void begin(Connection jdbc) {
            // the row's transaction begins with its first statement
        }

        @Override
        public boolean accept(Connection jdbc, WriteCounts row) throws SQLException {
            ends.commitRow(jdbc, row);
            return true;
        }

        @Override
        public boolean reject(Connection jdbc) {
            ends.rollBackQuietly();
            return true;
        }

        @Override
        public void finish(Connection jdbc) throws SQLException {
            ends.commitOffsets(jdbc, offsets);
        }
    }
}
