package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a sink needs from a database: column types for Connect schemas, value binding, the DDL to create and evolve
 * tables, and the write statements (insert, upsert, update, delete), each in the fastest form the database offers.
 *
 * <p>Every statement is built with {@link #sql()}, so every identifier is quoted; every value is a bound parameter,
 * bound in the order {@link WriteSql#parameters()} gives.
 *
 * <p>A dialect is stateless: one instance serves every task and thread, and it keeps nothing about the tables it
 * writes. What a sink learns of a table by asking the database (its definition, whether it takes the bulk load) is
 * the sink's to keep with its table metadata and to pass back as an argument, and to forget when the table may have
 * changed.
 */
public interface SinkDialect extends JdbcDialect {

    /**
     * The table name (or the schema name qualifying one) for a name computed from data (a topic, a Debezium source
     * table): sanitized by the identifier rules, and kept out of names the database reserves.
     */
    default String tableName(String rendered) {
        return identifierRules().sanitizeTableName(rendered);
    }

    /** The column type to create for a column, e.g. {@code BIGINT}, {@code jsonb}, {@code VARCHAR(255)}. */
    String columnType(ColumnSpec column);

    /**
     * The column to write {@code wanted}'s values into an existing column as, where this database stores the same
     * values two ways (PostgreSQL: an array natively or as jsonb): the existing column decides, so a table keeps
     * working whichever way it was created. A decimal meeting a bounded DECIMAL column takes the column's bounds
     * ({@link DecimalColumns#bounded}), so values it would round are refused. By default {@code wanted} as it is.
     */
    default ColumnSpec matchExisting(ColumnDefinition existing, ColumnSpec wanted) {
        return wanted;
    }

    /**
     * Binds one value (already converted by {@link ColumnValues#toJdbc}) to a parameter, or NULL when it is null.
     * A {@link java.util.List} (a Connect array) becomes a native array for an {@link ColumnKind#ARRAY} column where
     * the database has them, else JSON text.
     */
    void bind(PreparedStatement statement, int index, ColumnSpec column, Object jdbcValue) throws SQLException;

    /**
     * Refuses a value (already converted by {@link ColumnValues#toJdbc}) that this database would not store as it
     * is: round it, drop part of it, turn it into NULL or take it for SQL. The writer calls this for every value
     * before any write path (statements, arrays, bulk load) sends it, so such a value is its row's fault, named by
     * column, and never a silent change or a failure of the whole write. By default nothing is refused.
     *
     * @throws java.sql.SQLDataException naming the column and what the database cannot hold
     */
    default void checkValue(ColumnSpec column, Object jdbcValue) throws SQLException {
    }

    /** {@code CREATE TABLE} with these columns and primary key (none when {@code keyColumns} is empty). */
    String createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns);

    /** One {@code ALTER TABLE ... ADD} per column; added columns always accept NULL (existing rows have none). */
    List<String> addColumns(TableId table, List<ColumnSpec> columns);

    /**
     * The statement that lets a NOT NULL column accept NULL, or empty when this database cannot do that in place.
     */
    Optional<String> relaxNullability(Connection connection, TableId table, ColumnDefinition column)
            throws SQLException;

    /**
     * What an existing column needs to hold {@code wanted}'s values after the field's schema changed: nothing; a
     * widening in place that keeps its nullability and its rows (a larger integer, a double for a single-precision
     * float, a DECIMAL with more digits before or after the point, a longer VARCHAR when the field declares its
     * length); or a refusal when no widening holds the values without losing data (fractions into an integer
     * column, more digits than the database's DECIMAL holds). Never narrows, never converts a column to another
     * kind; a database that cannot tell (SQLite's dynamic typing needs nothing) answers nothing.
     */
    ColumnChange widenColumn(Connection connection, TableId table, ColumnDefinition existing, ColumnSpec wanted)
            throws SQLException;

    /**
     * True when a view pins the types of the columns it uses, so changing one needs the view dropped and recreated
     * around the change (PostgreSQL).
     */
    default boolean viewsPinColumnTypes() {
        return false;
    }

    /**
     * The statements that make {@code view} show {@code table}'s rows, run in one transaction: replacing the view
     * atomically (one {@code CREATE OR REPLACE VIEW}, or a drop and a create where DDL is transactional), so readers
     * of the view never find it missing. Used to point a read model's logical name at a generation; the view and
     * the table are in the same schema.
     */
    List<String> replaceView(TableId view, TableId table);

    /**
     * The SQL text defining a view (in the current schema when unqualified), or empty when there is no view of that
     * name.
     */
    Optional<String> viewDefinition(Connection connection, TableId view) throws SQLException;

    /**
     * The most rows one insert or upsert statement should carry for rows of this shape; 1 means this database gets
     * single-row statements in a JDBC batch.
     */
    int maxRowsPerStatement(WriteShape shape);

    /**
     * Binds every column of a {@link WriteSql#columnar() columnar} statement as one array: parameter {@code i + 1}
     * gets the values of column {@code order[i]} of all rows. Dialects that never build such statements need not
     * support it.
     */
    default void bindColumns(PreparedStatement statement, int[] order, List<ColumnSpec> columns, List<Object[]> rows)
            throws SQLException {
        throw new UnsupportedOperationException(name() + " builds no columnar statements");
    }

    /** {@code INSERT} of {@code rows} rows. */
    WriteSql insert(WriteShape shape, int rows);

    /**
     * True when this table takes the database's bulk-load protocol (PostgreSQL's {@code COPY}) the way it takes
     * {@link #insert}: same triggers, constraints and errors. A lookup in the database: the caller keeps the answer
     * with what it knows of the table (dialects keep no state) and asks again after forgetting it. By default false.
     */
    default boolean acceptsBulkInsert(Connection connection, TableId table) throws SQLException {
        return false;
    }

    /**
     * Inserts the rows through the database's bulk-load protocol into a table {@link #acceptsBulkInsert} accepted;
     * returns false, having written nothing, when this connection does not offer it, and the caller inserts with
     * statements. Rows are aligned with the shape's columns. Transactions are the caller's. By default false.
     */
    default boolean bulkInsert(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        return false;
    }

    /**
     * True when an upsert's affected-row count is exactly the rows inserted or changed, so rows the version guard
     * left alone can be counted as the difference (not so on MySQL, which counts an update twice).
     */
    default boolean upsertCountsAreExact() {
        return true;
    }

    /**
     * Insert-or-update by key of {@code rows} rows; with a version column, a row holding a newer version than the
     * incoming one is left as it is.
     */
    WriteSql upsert(WriteShape shape, int rows);

    /** {@code UPDATE} of one row by key; with a version column, only when the stored version is not newer. */
    WriteSql update(WriteShape shape);

    /** {@code DELETE} of one row by key; with a version column, only when the stored version is not newer. */
    WriteSql delete(TableId table, List<ColumnSpec> keyColumns, ColumnSpec versionColumn);
}
