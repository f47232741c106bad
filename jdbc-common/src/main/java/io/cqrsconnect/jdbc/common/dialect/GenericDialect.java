package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.jdbc.common.ColumnChange;
import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.DecimalColumns;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.JsonText;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.common.WriteSql;

/**
 * Standard SQL for any database no other dialect claims: ANSI types, double-quoted identifiers, upsert as a
 * standard {@code MERGE}, single-row statements in JDBC batches. The database dialects extend it and override only
 * where their database differs (template methods; no dialect state).
 */
public class GenericDialect implements SinkDialect, SourceDialect {

    /** Finds this dialect for any URL no better dialect claims. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("generic", FALLBACK, GenericDialect::new, "jdbc:");
        }
    }

    private static final SqlErrorClassifier STANDARD_ERRORS = new SqlErrorClassifier();

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public IdentifierRules identifierRules() {
        return IdentifierRules.ANSI;
    }

    @Override
    public SqlErrorClassifier errors() {
        return STANDARD_ERRORS;
    }

    @Override
    public String columnType(ColumnSpec column) {
        return switch (column.kind()) {
            case INT8, INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING, UNKNOWN -> "VARCHAR(" + Math.max(column.key() ? 255 : 4000,
                    ColumnKind.declaredLength(column.schema())) + ")";
            case BYTES -> column.key() ? "VARBINARY(255)" : "BLOB";
            case DECIMAL -> decimalType(column);
            case VARIABLE_DECIMAL -> "DECIMAL(65,30)";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case UUID -> "CHAR(36)";
            case JSON, ARRAY -> "CLOB";
        };
    }

    /** Decimals into a bounded DECIMAL column carry its bounds, so values it would round are refused. */
    @Override
    public ColumnSpec matchExisting(ColumnDefinition existing, ColumnSpec wanted) {
        return DecimalColumns.bounded(existing, wanted);
    }

    /** Decimals a bounded DECIMAL column would round or cannot hold ({@link DecimalColumns#check}). */
    @Override
    public void checkValue(ColumnSpec column, Object value) throws SQLException {
        if (DecimalColumns.isBounded(column)) {
            DecimalColumns.check(column, value);
        }
    }

    /** {@code DECIMAL(p,s)} with the schema's precision when it has one, else the widest the database allows. */
    protected String decimalType(ColumnSpec column) {
        int scale = ColumnKind.decimalScale(column.schema());
        int precision = ColumnKind.decimalPrecision(column.schema());
        return "DECIMAL(" + (precision > 0 ? Math.max(precision, scale) : Math.max(38, scale)) + "," + scale + ")";
    }

    /** The placeholder for one value of a column; a dialect may wrap it in a cast. */
    protected String placeholder(ColumnSpec column) {
        return "?";
    }

    /** The JDBC type to announce when binding NULL into a column of this kind. */
    protected int nullType(ColumnKind kind) {
        return switch (kind) {
            case INT8 -> Types.TINYINT;
            case INT16 -> Types.SMALLINT;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case BYTES -> Types.VARBINARY;
            case DECIMAL, VARIABLE_DECIMAL -> Types.DECIMAL;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case STRING, UUID, JSON, ARRAY, UNKNOWN -> Types.VARCHAR;
        };
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnSpec column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, nullType(column.kind()));
        } else if (value instanceof UUID uuid) {
            statement.setString(index, uuid.toString());
        } else if (value instanceof List<?> list) {
            statement.setString(index, JsonText.of(list)); // an array, where the database has no native ones
        } else if (value instanceof TimeOfDay time) {
            bindTime(statement, index, column, time);
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * Binds a time of day. By default a {@link java.time.LocalTime}, and 24:00:00 (which a {@code LocalTime} cannot
     * hold) is refused as a data exception naming the column: the row goes to the dead-letter queue. Dialects whose
     * TIME holds the end of the day bind it their driver's way.
     */
    protected void bindTime(PreparedStatement statement, int index, ColumnSpec column, TimeOfDay time)
            throws SQLException {
        if (time.isEndOfDay()) {
            throw endOfDayRefused(column);
        }
        statement.setObject(index, time.toLocalTime());
    }

    /** The refusal of 24:00:00 by a database whose TIME ends at 23:59:59.999999999. */
    protected SQLDataException endOfDayRefused(ColumnSpec column) {
        return new SQLDataException("column '" + column.name() + "': 24:00:00 is a valid time of day (PostgreSQL and "
                + "MySQL hold it, Debezium sends it) but " + name() + "'s TIME ends at 23:59:59.999999999", "22008");
    }

    @Override
    public String createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns) {
        SqlBuilder sql = sql().append("CREATE TABLE ").table(table).append(" (");
        sql.list(columns, (builder, column) -> {
            builder.identifier(column.name()).append(" ").append(columnType(column));
            if (!column.nullable()) {
                builder.append(" NOT NULL");
            }
        });
        if (!keyColumns.isEmpty()) {
            sql.append(", PRIMARY KEY (").identifiers(keyColumns).append(")");
        }
        return sql.append(")").toString();
    }

    @Override
    public List<String> addColumns(TableId table, List<ColumnSpec> columns) {
        List<String> statements = new ArrayList<>();
        for (ColumnSpec column : columns) {
            statements.add(sql().append("ALTER TABLE ").table(table).append(" ADD COLUMN ")
                    .identifier(column.name()).append(" ").append(columnType(column)).toString());
        }
        return statements;
    }

    @Override
    public Optional<String> relaxNullability(Connection connection, TableId table, ColumnDefinition column)
            throws SQLException {
        return Optional.of(sql().append("ALTER TABLE ").table(table).append(" ALTER COLUMN ")
                .identifier(column.name()).append(" DROP NOT NULL").toString());
    }

    /**
     * By {@link WideningRules}: fractions into an integer column are refused; a smaller integer, a single-precision
     * float, a DECIMAL with too few digits before or after the point (up to this database's largest DECIMAL: values
     * beyond it are refused one by one, {@link #checkValue}), or a VARCHAR shorter than the field declares is widened
     * with {@link #alterColumnType}. Everything else is left as it is.
     */
    @Override
    public ColumnChange widenColumn(Connection connection, TableId table, ColumnDefinition existing,
                                    ColumnSpec wanted) throws SQLException {
        if (WideningRules.fractionsIntoIntegers(existing, wanted)) {
            return new ColumnChange.Refused(columnType(wanted), "its values have digits after the point, which an "
                    + "integer column rounds away");
        }
        if (WideningRules.widerInteger(existing, wanted) || WideningRules.widerFloat(existing, wanted)) {
            return alterColumnType(connection, table, existing, columnType(wanted));
        }
        int[] decimal = WideningRules.widerDecimal(existing, wanted, maxDecimalPrecision(), maxDecimalScale());
        if (decimal != null) {
            return alterColumnType(connection, table, existing, "DECIMAL(" + decimal[0] + "," + decimal[1] + ")");
        }
        int length = WideningRules.longerString(existing, wanted);
        if (length > 0) {
            return alterColumnType(connection, table, existing, "VARCHAR(" + length + ")");
        }
        return ColumnChange.NONE;
    }

    /** The most digits a DECIMAL column of this database holds. */
    protected int maxDecimalPrecision() {
        return Integer.MAX_VALUE;
    }

    /** The most digits after the point a DECIMAL column of this database holds. */
    protected int maxDecimalScale() {
        return Integer.MAX_VALUE;
    }

    /**
     * The change of a column's type in place, keeping its nullability and its rows: standard
     * {@code ALTER COLUMN ... SET DATA TYPE}.
     */
    protected ColumnChange alterColumnType(Connection connection, TableId table, ColumnDefinition existing,
                                           String type) throws SQLException {
        return new ColumnChange.Widen(type, sql().append("ALTER TABLE ").table(table).append(" ALTER COLUMN ")
                .identifier(existing.name()).append(" SET DATA TYPE ").append(type).toString());
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return 1;
    }

    /** Drop and create in one transaction: atomic where DDL is transactional (PostgreSQL, SQLite). */
    @Override
    public List<String> replaceView(TableId view, TableId table) {
        return List.of(sql().append("DROP VIEW IF EXISTS ").table(view).toString(), createView(view, table));
    }

    /** {@code CREATE VIEW view AS SELECT * FROM table}. */
    protected String createView(TableId view, TableId table) {
        return sql().append("CREATE VIEW ").table(view).append(" AS SELECT * FROM ").table(table)
                .toString();
    }

    @Override
    public Optional<String> viewDefinition(Connection connection, TableId view) throws SQLException {
        String schema = view.qualified() ? view.schema() : connection.getSchema();
        if (schema != null) {
            return firstString(connection, "SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS "
                    + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, view.name());
        }
        return firstString(connection, "SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_NAME = ?",
                view.name());
    }

    /** The first column of the first row of a query whose parameters are strings (null binds NULL), or empty. */
    protected static Optional<String> firstString(Connection connection, String query, String... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Rows per statement under a bind-parameter limit, capped so one statement stays a reasonable size. */
    protected static int rowsWithin(int parameterLimit, int columnCount, int cap) {
        return Math.max(1, Math.min(cap, parameterLimit / Math.max(1, columnCount)));
    }

    @Override
    public WriteSql insert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("INSERT INTO ").table(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") VALUES ");
        appendValueRows(sql, shape, rows);
        return new WriteSql(sql.toString(), rows, shape.columnNames());
    }

    /** {@code (?, ?), (?, ?)}: one parenthesized group of placeholders per row. */
    protected void appendValueRows(SqlBuilder sql, WriteShape shape, int rows) {
        for (int row = 0; row < rows; row++) {
            if (row > 0) {
                sql.append(", ");
            }
            sql.append("(").list(shape.columns(), (builder, column) -> builder.append(placeholder(column)))
                    .append(")");
        }
    }

    /**
     * Standard SQL {@code MERGE}: the incoming rows as a {@code VALUES} table, matched on the key; with a version
     * column the update applies only when the stored version is not newer.
     */
    @Override
    public WriteSql upsert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("MERGE INTO ").table(shape.table()).append(" t USING (VALUES ");
        appendValueRows(sql, shape, rows);
        sql.append(") s (").identifiers(shape.columnNames()).append(") ON (")
                .list(shape.keyColumns(), " AND ", (builder, key) ->
                        builder.append("t.").identifier(key).append(" = s.").identifier(key))
                .append(")");
        List<String> values = shape.valueColumnNames();
        if (!values.isEmpty()) {
            sql.append(" WHEN MATCHED ");
            if (shape.guarded()) {
                sql.append("AND (t.").identifier(shape.versionColumn()).append(" IS NULL OR t.")
                        .identifier(shape.versionColumn()).append(" <= s.").identifier(shape.versionColumn())
                        .append(") ");
            }
            sql.append("THEN UPDATE SET ").list(values, (builder, column) ->
                    builder.identifier(column).append(" = s.").identifier(column));
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT (").identifiers(shape.columnNames()).append(") VALUES (")
                .list(shape.columnNames(), (builder, column) -> builder.append("s.").identifier(column))
                .append(")");
        return new WriteSql(sql.toString(), rows, shape.columnNames());
    }

    @Override
    public WriteSql update(WriteShape shape) {
        List<String> set = shape.valueColumnNames().isEmpty() ? shape.keyColumns() : shape.valueColumnNames();
        List<String> parameters = new ArrayList<>(set);
        SqlBuilder sql = sql().append("UPDATE ").table(shape.table()).append(" SET ")
                .list(set, (builder, column) -> builder.identifier(column).append(" = ")
                        .append(placeholder(column(shape, column))));
        sql.append(" WHERE ").list(shape.keyColumns(), " AND ", (builder, key) ->
                builder.identifier(key).append(" = ").append(placeholder(column(shape, key))));
        parameters.addAll(shape.keyColumns());
        if (shape.guarded()) {
            appendVersionGuard(sql, shape.versionColumn(), column(shape, shape.versionColumn()));
            parameters.add(shape.versionColumn());
        }
        return new WriteSql(sql.toString(), 1, parameters);
    }

    @Override
    public WriteSql delete(TableId table, List<ColumnSpec> keyColumns, ColumnSpec versionColumn) {
        List<String> parameters = new ArrayList<>();
        SqlBuilder sql = sql().append("DELETE FROM ").table(table).append(" WHERE ")
                .list(keyColumns, " AND ", (builder, key) ->
                        builder.identifier(key.name()).append(" = ").append(placeholder(key)));
        keyColumns.forEach(key -> parameters.add(key.name()));
        if (versionColumn != null) {
            appendVersionGuard(sql, versionColumn.name(), versionColumn);
            parameters.add(versionColumn.name());
        }
        return new WriteSql(sql.toString(), 1, parameters);
    }

    private void appendVersionGuard(SqlBuilder sql, String versionColumn, ColumnSpec version) {
        sql.append(" AND (").identifier(versionColumn).append(" IS NULL OR ").identifier(versionColumn)
                .append(" <= ").append(placeholder(version)).append(")");
    }

    /** The column of a shape by name. */
    protected static ColumnSpec column(WriteShape shape, String name) {
        for (ColumnSpec column : shape.columns()) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + shape.columnNames());
    }
}
