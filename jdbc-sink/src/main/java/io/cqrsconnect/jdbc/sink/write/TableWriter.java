package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.RowWriter;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.mapping.RowLayout;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;
import io.cqrsconnect.jdbc.sink.schema.PreparedTable;
import io.cqrsconnect.jdbc.sink.schema.TableManager;
import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.jdbc.sink.write.OffsetStore;
import io.cqrsconnect.jdbc.sink.write.SinkMetrics;
import io.cqrsconnect.jdbc.sink.write.WritePipeline;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes segments of rows (and, in exactly-once mode, the offsets they came from) in one transaction, with the
 * statements the dialect makes fastest.
 * <ul>
 *   <li>A transient failure (connection loss, deadlock, serialization) rolls back, reconnects and retries with
 *       backoff; rows are removed from the pending list only once settled (committed, or rejected with nothing
 *       left to roll back), and a settled rejection is kept across the retries, so nothing is lost, written twice
 *       or reported twice.</li>
 *   <li>A failure that a record's value caused rolls back and writes the rows again one by one, each behind a
 *       savepoint, still in one transaction with the offsets: the bad rows are isolated and returned with the
 *       database's reason, for the dead-letter queue, and the others are committed together with the offsets.
 *       (On a database without savepoints each row is its own transaction, and the offsets follow in a last
 *       one.) Without a dead-letter queue the first bad row fails the task and nothing of the write commits
 *       (without savepoints, the rows before it have committed, their offsets not: they are written again).</li>
 *   <li>Anything else fails the task with a message naming the table and the records.</li>
 * </ul>
 * Runs on the task's writer thread ({@link WritePipeline}); rejected rows are reported by the task thread.
 */
public final class TableWriter {

    private final SinkDialect dialect;
    private final JdbcConnection connection;
    private final TableManager tables;
    private final RowWriter rowWriter;
    private final Retrier retrier;
    private final DeadLetterRouter deadLetters;
    private final SinkMetrics metrics;
    private final InsertMode insertMode;

    public TableWriter(SinkDialect dialect, JdbcConnection connection, TableManager tables, Retrier retrier,
                DeadLetterRouter deadLetters, SinkMetrics metrics, InsertMode insertMode) {
        this.dialect = dialect;
        this.connection = connection;
        this.tables = tables;
        this.rowWriter = new RowWriter(dialect);
        this.retrier = retrier;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.insertMode = insertMode;
    }

    /** Rows bound for one table, in the order they are to be written. */
    public record Segment(String table, List<SinkRow> rows) {
    }

    /** A row the database refused on its own merits, with the reason, for the dead-letter queue. */
    public record Rejected(SinkRecord record, BadRecordException reason) {
    }

    /**
     * Writes every segment, and stores {@code nextOffsets} in {@code offsets} (when not null), in one transaction.
     *
     * @return the rows the database rejected on their own (only when the dead-letter queue tolerates them)
     * @throws ConnectException when the write fails, or a row is rejected and bad rows are not tolerated
     */
    public List<Rejected> writeAtomically(List<Segment> segments, OffsetStore offsets,
                                   Map<TopicPartition, Long> nextOffsets) {
        List<Segment> pending = new ArrayList<>();
        int rowCount = 0;
        for (Segment segment : segments) {
            if (!segment.rows().isEmpty()) {
                pending.add(new Segment(segment.table(), new ArrayList<>(segment.rows())));
                rowCount += segment.rows().size();
            }
        }
        if (pending.isEmpty() && (offsets == null || nextOffsets.isEmpty())) {
            return List.of();
        }
        long started = System.nanoTime();
        boolean[] offsetsStored = {offsets == null || nextOffsets.isEmpty()};
        Rejections rejected = new Rejections();
        try {
            retrier.call("writing " + rowCount + " rows to " + tableNames(pending), () -> {
                rejected.retrying();
                writePending(pending, offsets, nextOffsets, offsetsStored, rejected);
                return null;
            });
        } catch (SQLException e) {
            throw failure(pending, e);
        }
        metrics.flushed(System.nanoTime() - started);
        return rejected.all();
    }

    /**
     * The rows the database rejected, across the attempts of one write. A rejected row that is still pending (behind
     * a savepoint: the transaction that would have dropped it may yet roll back) is forgotten when the write is
     * retried, which finds it again; one that left the pending rows (rolled back in its own transaction) is never
     * written again, so its rejection is kept: forgetting it would lose the record while its offset commits.
     */
    private static final class Rejections {

        private final List<Rejected> settled = new ArrayList<>();
        private final List<Rejected> pending = new ArrayList<>();

        void add(Rejected row, boolean rowSettled) {
            (rowSettled ? settled : pending).add(row);
        }

        /** Before an attempt: the pending rejections of an earlier one are the retry's to find again. */
        void retrying() {
            pending.clear();
        }

        List<Rejected> all() {
            List<Rejected> all = new ArrayList<>(settled);
            all.addAll(pending);
            return all;
        }
    }

    private static List<String> tableNames(List<Segment> segments) {
        return segments.stream().map(Segment::table).distinct().toList();
    }

    private void writePending(List<Segment> pending, OffsetStore offsets, Map<TopicPartition, Long> nextOffsets,
                              boolean[] offsetsStored, Rejections rejected) throws SQLException {
        try {
            Connection jdbc = connection.get();
            prepareTables(jdbc, pending);
            int[] counts = new int[3];
            for (Segment segment : pending) {
                writeRows(jdbc, segment.table(), segment.rows(), counts);
            }
            commit(jdbc, pending, offsets, nextOffsets, offsetsStored, counts);
        } catch (SQLException e) {
            if (afterFailure(pending, e) != SqlErrorKind.RECORD) {
                throw e;
            }
            Isolation isolation = connection.get().getMetaData().supportsSavepoints()
                    ? new BehindSavepoints(pending, offsets, nextOffsets, offsetsStored)
                    : new InOwnTransactions(offsets, nextOffsets, offsetsStored);
            isolate(pending, isolation, rejected);
        }
    }

    private void commit(Connection jdbc, List<Segment> pending, OffsetStore offsets,
                        Map<TopicPartition, Long> nextOffsets, boolean[] offsetsStored, int[] counts)
            throws SQLException {
        if (!offsetsStored[0]) {
            offsets.store(jdbc, nextOffsets);
        }
        jdbc.commit();
        metrics.committed(counts[0] - counts[2], counts[1], counts[2]);
        pending.forEach(segment -> segment.rows().clear());
        offsetsStored[0] = true;
    }

    /**
     * Writes the rows again one by one, so the rows the database refuses on their own merits are set aside and the
     * others written; {@code isolation} decides where the transactions begin and end.
     */
    private void isolate(List<Segment> pending, Isolation isolation, Rejections rejected) throws SQLException {
        try {
            Connection jdbc = connection.get();
            prepareTables(jdbc, pending);
            for (Segment segment : pending) {
                Iterator<SinkRow> rows = segment.rows().iterator();
                while (rows.hasNext()) {
                    SinkRow row = rows.next();
                    isolation.begin(jdbc);
                    try {
                        int[] counts = new int[3];
                        writeRows(jdbc, segment.table(), List.of(row), counts);
                        if (isolation.accept(jdbc, counts)) {
                            rows.remove();
                        }
                    } catch (SQLException e) {
                        if (dialect.errors().classify(e) != SqlErrorKind.RECORD) {
                            throw e;
                        }
                        boolean settled = isolation.reject(jdbc);
                        if (settled) {
                            rows.remove();
                        }
                        rejected.add(reject(segment.table(), row, e), settled);
                    }
                }
            }
            isolation.finish(jdbc);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql) {
                afterFailure(pending, sql);
            } else {
                connection.rollbackQuietly();
            }
            throw e;
        }
    }

    /**
     * Where {@link #isolate} draws the transaction lines around each row. A row that is settled (committed, or
     * refused with nothing left to roll back with it) leaves the pending rows, so a retried write does not write
     * it again; a settled refusal stays in the {@link Rejections} through retries, so it is reported once.
     */
    private interface Isolation {

        /** Before a row is written. */
        void begin(Connection jdbc) throws SQLException;

        /**
         * After a row was written; {@code counts} are what it did ({@link #writeRows}).
         *
         * @return true when the row is settled
         */
        boolean accept(Connection jdbc, int[] counts) throws SQLException;

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
    private final class BehindSavepoints implements Isolation {

        private final List<Segment> pending;
        private final OffsetStore offsets;
        private final Map<TopicPartition, Long> nextOffsets;
        private final boolean[] offsetsStored;
        private final int[] counts = new int[3];
        private Savepoint savepoint;

        BehindSavepoints(List<Segment> pending, OffsetStore offsets, Map<TopicPartition, Long> nextOffsets,
                         boolean[] offsetsStored) {
            this.pending = pending;
            this.offsets = offsets;
            this.nextOffsets = nextOffsets;
            this.offsetsStored = offsetsStored;
        }

        @Override
        public void begin(Connection jdbc) throws SQLException {
            savepoint = jdbc.setSavepoint();
        }

        @Override
        public boolean accept(Connection jdbc, int[] rowCounts) throws SQLException {
            jdbc.releaseSavepoint(savepoint);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += rowCounts[i];
            }
            return false; // committed with the others in finish
        }

        @Override
        public boolean reject(Connection jdbc) throws SQLException {
            jdbc.rollback(savepoint);
            return false; // a retry rolls back past it, so it must find it again
        }

        @Override
        public void finish(Connection jdbc) throws SQLException {
            commit(jdbc, pending, offsets, nextOffsets, offsetsStored, counts);
        }
    }

    /** For databases without savepoints: each row its own transaction, then the offsets in a last one. */
    private final class InOwnTransactions implements Isolation {

        private final OffsetStore offsets;
        private final Map<TopicPartition, Long> nextOffsets;
        private final boolean[] offsetsStored;

        InOwnTransactions(OffsetStore offsets, Map<TopicPartition, Long> nextOffsets, boolean[] offsetsStored) {
            this.offsets = offsets;
            this.nextOffsets = nextOffsets;
            this.offsetsStored = offsetsStored;
        }

        @Override
        public void begin(Connection jdbc) {
            // the row's transaction begins with its first statement
        }

        @Override
        public boolean accept(Connection jdbc, int[] counts) throws SQLException {
            jdbc.commit();
            metrics.committed(counts[0] - counts[2], counts[1], counts[2]);
            return true;
        }

        @Override
        public boolean reject(Connection jdbc) {
            connection.rollbackQuietly();
            return true;
        }

        @Override
        public void finish(Connection jdbc) throws SQLException {
            if (!offsetsStored[0]) {
                offsets.store(jdbc, nextOffsets);
                jdbc.commit();
                offsetsStored[0] = true;
            }
        }
    }

    /** A rejected row, or, when bad rows are not tolerated, the task failure naming it. */
    private Rejected reject(String table, SinkRow row, SQLException e) {
        BadRecordException reason = rejected(table, row, e);
        if (!deadLetters.tolerates()) {
            deadLetters.route(row.event().record(), reason); // throws, naming the record and the settings
        }
        return new Rejected(row.event().record(), reason);
    }

    private SqlErrorKind afterFailure(List<Segment> segments, SQLException e) {
        connection.rollbackQuietly();
        SqlErrorKind kind = dialect.errors().classify(e);
        if (kind == SqlErrorKind.TRANSIENT) {
            connection.reset();
            segments.forEach(segment -> tables.forget(segment.table()));
        }
        return kind;
    }

    /**
     * Creates and evolves the tables the rows need before any row is written: DDL commits (implicitly, on some
     * databases), so it must never run inside a transaction that already holds rows (and, in exactly-once mode,
     * offsets).
     */
    private void prepareTables(Connection jdbc, List<Segment> segments) throws SQLException {
        for (Segment segment : segments) {
            Map<RowLayout, SinkRow> firstByLayout = new LinkedHashMap<>();
            for (SinkRow row : segment.rows()) {
                if (row.operation() == Operation.UPSERT) {
                    firstByLayout.putIfAbsent(row.layout(), row);
                }
            }
            for (Map.Entry<RowLayout, SinkRow> layout : firstByLayout.entrySet()) {
                tables.prepareUpserts(jdbc, segment.table(), layout.getKey(),
                        layout.getValue().event().coordinates());
            }
        }
    }

    /**
     * Writes one table's rows in the current transaction; counts[0] += rows sent to be written, counts[1] +=
     * deleted, counts[2] += rows the version guard left alone (where the database's counts tell).
     */
    private void writeRows(Connection jdbc, String table, List<SinkRow> rows, int[] counts) throws SQLException {
        Map<RowLayout, List<SinkRow>> deletes = new LinkedHashMap<>();
        Map<RowLayout, List<SinkRow>> upserts = new LinkedHashMap<>();
        for (SinkRow row : rows) {
            (row.operation() == Operation.DELETE ? deletes : upserts)
                    .computeIfAbsent(row.layout(), layout -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<RowLayout, List<SinkRow>> group : deletes.entrySet()) {
            Optional<PreparedTable> prepared = tables.prepareDeletes(jdbc, table, group.getKey(),
                    group.getValue().get(0).event().coordinates());
            if (prepared.isEmpty()) {
                continue; // no table yet: nothing to delete
            }
            var shape = prepared.get().shape();
            List<ColumnSpec> keys = shape.columns().stream().filter(ColumnSpec::key).toList();
            ColumnSpec version = shape.columns().stream()
                    .filter(column -> column.name().equals(shape.versionColumn())).findFirst().orElse(null);
            rowWriter.delete(jdbc, shape.table(), keys, version, values(prepared.get(), group.getValue()));
            counts[1] += group.getValue().size();
        }
        for (Map.Entry<RowLayout, List<SinkRow>> group : upserts.entrySet()) {
            PreparedTable prepared = tables.prepareUpserts(jdbc, table, group.getKey(),
                    group.getValue().get(0).event().coordinates());
            List<Object[]> values = values(prepared, group.getValue());
            switch (insertMode) {
                case INSERT -> rowWriter.insert(jdbc, prepared.shape(), values);
                case UPSERT -> {
                    long affected = rowWriter.upsert(jdbc, prepared.shape(), values);
                    if (prepared.shape().guarded() && affected >= 0 && dialect.upsertCountsAreExact()) {
                        counts[2] += (int) Math.max(0, values.size() - affected);
                    }
                }
                case UPDATE -> rowWriter.update(jdbc, prepared.shape(), values);
                default -> throw new IllegalStateException(insertMode.toString());
            }
            counts[0] += values.size();
        }
    }

    private static List<Object[]> values(PreparedTable prepared, List<SinkRow> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (SinkRow row : rows) {
            values.add(prepared.project(row.values()));
        }
        return values;
    }

    private BadRecordException rejected(String table, SinkRow row, SQLException e) {
        String column = dialect.errors().column(e).orElse(null);
        String state = e.getSQLState();
        boolean constraint = state != null && state.startsWith("23")
                || e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("constraint");
        return new BadRecordException(row.event().coordinates(), column, "the database rejected the row for table '"
                + table + "': " + message(e) + ".",
                constraint ? JdbcSinkConnectorConfig.INSERT_MODE_CONFIG : JdbcSinkConnectorConfig.FIELDS_EXCLUDE_CONFIG,
                constraint ? "a row with this key may exist already (upsert replaces it), or a constraint of the "
                        + "table refuses the value."
                        : "the value does not fit the column; exclude or rename the field, or widen the column.", e);
    }

    private ConnectException failure(List<Segment> pending, SQLException e) {
        List<SinkRow> rows = pending.stream().flatMap(segment -> segment.rows().stream()).toList();
        String records = rows.isEmpty() ? "" : " (records from " + rows.get(0).event().coordinates()
                + (rows.size() > 1 ? " to " + rows.get(rows.size() - 1).event().coordinates() : "") + ")";
        SqlErrorKind kind = dialect.errors().classify(e);
        String hint = kind == SqlErrorKind.TRANSIENT
                ? " The database stayed unavailable through max.retries retries; raise max.retries or "
                        + "retry.backoff.max.ms to wait longer."
                : " Check the table against the records and the settings auto.create, auto.evolve, insert.mode, "
                        + "pk.mode and connection.user's privileges.";
        return new ConnectException("Writing " + rows.size() + " rows to table " + tableNames(pending) + " failed"
                + records + ": " + message(e) + "." + hint, e);
    }

    private static String message(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null && !message.contains(next.getMessage().strip())) {
            message += " (" + next.getMessage().strip() + ")";
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
