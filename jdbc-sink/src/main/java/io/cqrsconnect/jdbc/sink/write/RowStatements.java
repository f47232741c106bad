package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.RowWriter;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.mapping.RowLayout;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;
import io.cqrsconnect.jdbc.sink.schema.PreparedTable;
import io.cqrsconnect.jdbc.sink.schema.TableManager;

/**
 * Turns rows into the dialect's statements in the caller's transaction: the tables first (created or evolved before
 * any row is written), then each table's deletes and its inserts, upserts or updates, grouped by layout so that
 * rows of one shape share a statement. Never commits.
 */
final class RowStatements {

    private final SinkDialect dialect;
    private final TableManager tables;
    private final RowWriter rowWriter;
    private final InsertMode insertMode;

    RowStatements(SinkDialect dialect, TableManager tables, InsertMode insertMode) {
        this.dialect = dialect;
        this.tables = tables;
        this.rowWriter = new RowWriter(dialect);
        this.insertMode = insertMode;
    }

    /**
     * Creates and evolves the tables the rows need before any row is written: DDL commits (implicitly, on some
     * databases), so it must never run inside a transaction that already holds rows (and, in exactly-once mode,
     * offsets).
     */
    void prepareTables(Connection jdbc, List<Segment> segments) throws SQLException {
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

    /** Forgets what is known of the segments' tables (after a failure, in case someone else changed them). */
    void forgetTables(List<Segment> segments) {
        segments.forEach(segment -> tables.forget(segment.table()));
    }

    /** Writes one table's rows in the current transaction. */
    WriteCounts write(Connection jdbc, String table, List<SinkRow> rows) throws SQLException {
        Map<RowLayout, List<SinkRow>> deletes = new LinkedHashMap<>();
        Map<RowLayout, List<SinkRow>> upserts = new LinkedHashMap<>();
        for (SinkRow row : rows) {
            (row.operation() == Operation.DELETE ? deletes : upserts)
                    .computeIfAbsent(row.layout(), layout -> new ArrayList<>()).add(row);
        }
        int deleted = 0;
        for (Map.Entry<RowLayout, List<SinkRow>> group : deletes.entrySet()) {
            deleted += delete(jdbc, table, group.getKey(), group.getValue());
        }
        int sent = 0;
        int skipped = 0;
        for (Map.Entry<RowLayout, List<SinkRow>> group : upserts.entrySet()) {
            PreparedTable prepared = tables.prepareUpserts(jdbc, table, group.getKey(),
                    group.getValue().get(0).event().coordinates());
            List<Object[]> values = values(prepared, group.getValue());
            skipped += upsert(jdbc, prepared, values);
            sent += values.size();
        }
        return new WriteCounts(sent, deleted, skipped);
    }

    /** Deletes the rows of one layout by key; returns how many were sent (none when the table does not exist). */
    private int delete(Connection jdbc, String table, RowLayout layout, List<SinkRow> rows) throws SQLException {
        Optional<PreparedTable> prepared = tables.prepareDeletes(jdbc, table, layout,
                rows.get(0).event().coordinates());
        if (prepared.isEmpty()) {
            return 0; // no table yet: nothing to delete
        }
        WriteShape shape = prepared.get().shape();
        List<ColumnSpec> keys = shape.columns().stream().filter(ColumnSpec::key).toList();
        ColumnSpec version = shape.columns().stream()
                .filter(column -> column.name().equals(shape.versionColumn())).findFirst().orElse(null);
        rowWriter.delete(jdbc, shape.table(), keys, version, values(prepared.get(), rows));
        return rows.size();
    }

    /** Writes the rows by the insert mode; returns how many the version guard left alone, where that is known. */
    private int upsert(Connection jdbc, PreparedTable table, List<Object[]> values) throws SQLException {
        WriteShape shape = table.shape();
        switch (insertMode) {
            case INSERT -> {
                if (table.bulkLoad()) {
                    rowWriter.load(jdbc, shape, values);
                } else {
                    rowWriter.insert(jdbc, shape, values);
                }
            }
            case UPSERT -> {
                long affected = rowWriter.upsert(jdbc, shape, values);
                if (shape.guarded() && affected >= 0 && dialect.upsertCountsAreExact()) {
                    return (int) Math.max(0, values.size() - affected);
                }
            }
            case UPDATE -> rowWriter.update(jdbc, shape, values);
            default -> throw new IllegalStateException(insertMode.toString());
        }
        return 0;
    }

    private static List<Object[]> values(PreparedTable prepared, List<SinkRow> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (SinkRow row : rows) {
            values.add(prepared.project(row.values()));
        }
        return values;
    }
}
