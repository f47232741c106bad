package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Executes a dialect's write statements for many rows: multi-row statements of up to
 * {@link SinkDialect#maxRowsPerStatement} rows each (one prepared statement reused for all full chunks; a columnar
 * statement binds each column's values as one array), or a JDBC batch of single-row statements; inserts use the
 * dialect's bulk load where the caller knows the table takes it. Rows are arrays of JDBC values ({@link ColumnValues#toJdbc}) aligned with the
 * columns they are written to. Transactions are the caller's: this class never commits.
 */
public final class RowWriter {

    private final SinkDialect dialect;

    public RowWriter(SinkDialect dialect) {
        this.dialect = dialect;
    }

    /** Inserts the rows with statements. */
    public void insert(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        checkValues(shape.columns(), rows);
        execute(connection, shape.columns(), rows, dialect.maxRowsPerStatement(shape),
                count -> dialect.insert(shape, count));
    }

    /**
     * Inserts the rows into a table that takes the dialect's bulk load ({@link SinkDialect#acceptsBulkInsert}, which
     * the caller looks up once per table and keeps with what it knows of the table): with the bulk load when there
     * is more than one row (a single row is what isolating a failed batch retries, and keeps the statement's error)
     * and the connection offers it, else with statements.
     */
    public void load(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        checkValues(shape.columns(), rows);
        if (rows.size() > 1 && dialect.bulkInsert(connection, shape, rows)) {
            return;
        }
        execute(connection, shape.columns(), rows, dialect.maxRowsPerStatement(shape),
                count -> dialect.insert(shape, count));
    }

    /**
     * Inserts or updates the rows by key (skipping rows whose stored version is newer, when guarded).
     *
     * @return the rows the database reports as inserted or updated, or -1 when it does not say
     */
    public long upsert(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        checkValues(shape.columns(), rows);
        return execute(connection, shape.columns(), rows, dialect.maxRowsPerStatement(shape),
                count -> dialect.upsert(shape, count));
    }

    /** Updates the rows by key; rows with no stored match change nothing. */
    public void update(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        checkValues(shape.columns(), rows);
        execute(connection, shape.columns(), rows, 1, count -> dialect.update(shape));
    }

    /**
     * Deletes rows by key. Each row holds the key values in {@code keyColumns} order, then the version when
     * {@code versionColumn} is not null.
     */
    public void delete(Connection connection, TableId table, List<ColumnSpec> keyColumns, ColumnSpec versionColumn,
                       List<Object[]> rows) throws SQLException {
        List<ColumnSpec> columns = versionColumn == null ? keyColumns
                : Stream.concat(keyColumns.stream(), Stream.of(versionColumn)).toList();
        execute(connection, columns, rows, 1, count -> dialect.delete(table, keyColumns, versionColumn));
    }

    /** Runs the statements; returns the affected row count the driver reports, or -1 when it reports none. */
    private long execute(Connection connection, List<ColumnSpec> columns, List<Object[]> rows, int maxRows,
                         IntFunction<WriteSql> statementFor) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        long affected = 0;
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        if (maxRows <= 1) {
            WriteSql sql = statementFor.apply(1);
            int[] order = order(sql, positions);
            try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
                for (Object[] row : rows) {
                    bindRow(statement, 1, order, columns, row);
                    statement.addBatch();
                }
                for (int count : statement.executeBatch()) {
                    affected = count < 0 || affected < 0 ? -1 : affected + count;
                }
            }
            return affected;
        }
        int fullChunks = rows.size() / maxRows;
        if (fullChunks > 0) {
            WriteSql sql = statementFor.apply(maxRows);
            int[] order = order(sql, positions);
            try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
                for (int chunk = 0; chunk < fullChunks; chunk++) {
                    bindRows(statement, sql, order, columns, rows.subList(chunk * maxRows, (chunk + 1) * maxRows));
                    affected += statement.executeUpdate();
                }
            }
        }
        int rest = rows.size() - fullChunks * maxRows;
        if (rest > 0) {
            WriteSql sql = statementFor.apply(rest);
            int[] order = order(sql, positions);
            try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
                bindRows(statement, sql, order, columns, rows.subList(fullChunks * maxRows, rows.size()));
                affected += statement.executeUpdate();
            }
        }
        return affected;
    }

    /** Refuses, before any write path sends them, the values the database would not store as they are. */
    private void checkValues(List<ColumnSpec> columns, List<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (row[i] != null) {
                    dialect.checkValue(columns.get(i), row[i]);
                }
            }
        }
    }

    private void bindRows(PreparedStatement statement, WriteSql sql, int[] order, List<ColumnSpec> columns,
                          List<Object[]> rows) throws SQLException {
        if (sql.columnar()) {
            try {
                dialect.bindColumns(statement, order, columns, rows);
            } catch (RuntimeException e) {
                // which row is not known here: the writer isolates the rows one by one and finds it
                throw new SQLDataException("a value cannot be bound (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", "22000", e);
            }
            return;
        }
        int index = 1;
        for (Object[] row : rows) {
            index = bindRow(statement, index, order, columns, row);
        }
    }

    private int bindRow(PreparedStatement statement, int index, int[] order, List<ColumnSpec> columns, Object[] row)
            throws SQLException {
        for (int position : order) {
            ColumnSpec column = columns.get(position);
            try {
                dialect.bind(statement, index++, column, row[position]);
            } catch (RuntimeException e) {
                throw valueNotBound(column, e);
            }
        }
        return index;
    }

    /**
     * A value the dialect could not bind, as the SQL data exception (SQLSTATE class 22) a database raises for a
     * value it refuses: it belongs to the row, so the writer isolates the row instead of failing the write.
     */
    private static SQLDataException valueNotBound(ColumnSpec column, RuntimeException e) {
        return new SQLDataException("column '" + column.name() + "': the value cannot be bound ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                "22000", e);
    }

    private static int[] order(WriteSql sql, Map<String, Integer> positions) {
        int[] order = new int[sql.parameters().size()];
        for (int i = 0; i < order.length; i++) {
            Integer position = positions.get(sql.parameters().get(i));
            if (position == null) {
                throw new IllegalStateException("statement binds unknown column " + sql.parameters().get(i));
            }
            order[i] = position;
        }
        return order;
    }
}
