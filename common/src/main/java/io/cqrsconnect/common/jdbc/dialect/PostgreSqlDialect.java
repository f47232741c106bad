package io.cqrsconnect.common.jdbc.dialect;

import java.sql.Types;

import io.cqrsconnect.common.jdbc.ColumnChange;
import io.cqrsconnect.common.jdbc.ColumnDefinition;
import io.cqrsconnect.common.jdbc.ColumnKind;
import io.cqrsconnect.common.jdbc.ColumnSpec;
import io.cqrsconnect.common.jdbc.IdentifierRules;
import io.cqrsconnect.common.jdbc.SqlBuilder;
import io.cqrsconnect.common.jdbc.TableId;
import io.cqrsconnect.common.jdbc.WriteShape;
import io.cqrsconnect.common.jdbc.WriteSql;

/**
 * PostgreSQL: native types ({@code jsonb}, {@code uuid}, {@code timestamptz}, unconstrained {@code numeric}), and
 * inserts and {@code ON CONFLICT} upserts of up to 5000 rows per statement, each column bound as one array and
 * expanded by {@code UNNEST}.
 */
public class PostgreSqlDialect extends GenericDialect {

    /** Claims {@code jdbc:postgresql:} URLs. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("PostgreSqlDialect", EXACT, PostgreSqlDialect::new, "jdbc:postgresql:");
        }
    }

    private static final IdentifierRules RULES =
            new IdentifierRules("\"", "\"", 63, IdentifierRules.CaseFolding.LOWER);
    private static final int MAX_BIND_PARAMETERS = 32767;

    @Override
    public String name() {
        return "PostgreSqlDialect";
    }

    @Override
    public IdentifierRules identifierRules() {
        return RULES;
    }

    @Override
    public String columnType(ColumnSpec column) {
        return switch (column.kind()) {
            case INT8, INT16 -> "SMALLINT";
            case STRING, UNKNOWN -> "TEXT";
            case BYTES -> "BYTEA";
            case DECIMAL -> ColumnKind.decimalPrecision(column.schema()) > 0 ? decimalType(column) : "NUMERIC";
            case VARIABLE_DECIMAL -> "NUMERIC";
            case TIME -> "TIME(6)";
            case TIMESTAMP -> "TIMESTAMP(6)";
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case UUID -> "UUID";
            case JSON -> "JSONB";
            default -> super.columnType(column);
        };
    }

    /** JSON text is sent as a string; the cast makes PostgreSQL parse it (a jsonb column refuses varchar). */
    @Override
    protected String placeholder(ColumnSpec column) {
        return column.kind() == ColumnKind.JSON ? "CAST(? AS jsonb)" : "?";
    }

    @Override
    protected int nullType(ColumnKind kind) {
        // OTHER makes pgjdbc send NULL untyped, so the server takes the column's type (uuid, jsonb, unknown).
        return switch (kind) {
            case UUID, JSON, UNKNOWN -> Types.OTHER;
            default -> super.nullType(kind);
        };
    }

    @Override
    public void bind(java.sql.PreparedStatement statement, int index, ColumnSpec column, Object value)
            throws java.sql.SQLException {
        if (value instanceof java.util.UUID) {
            statement.setObject(index, value);
        } else {
            super.bind(statement, index, column, value);
        }
    }

    /** {@code ALTER COLUMN ... TYPE}: keeps NOT NULL; a larger varchar or numeric precision rewrites no rows. */
    @Override
    protected ColumnChange alterColumnType(java.sql.Connection connection, TableId table, ColumnDefinition existing,
                                           String type) {
        return new ColumnChange.Widen(type, sql().append("ALTER TABLE ").table(table).append(" ALTER COLUMN ")
                .identifier(existing.name()).append(" TYPE ").append(type).toString());
    }

    @Override
    protected int maxDecimalPrecision() {
        return 1000;
    }

    @Override
    protected int maxDecimalScale() {
        return 1000;
    }

    /** PostgreSQL refuses to change the type of a column a view uses ("used by a view or rule"). */
    @Override
    public boolean viewsPinColumnTypes() {
        return true;
    }

    @Override
    public java.util.Optional<String> viewDefinition(java.sql.Connection connection, TableId view)
            throws java.sql.SQLException {
        return firstString(connection, "SELECT definition FROM pg_views WHERE schemaname = "
                + "COALESCE(?, current_schema()) AND viewname = ?", view.schema(), view.name());
    }

    /** Rows per UNNEST statement: arrays have no bind-parameter limit, so the cap only bounds a statement's size. */
    private static final int MAX_UNNEST_ROWS = 5000;

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return columnar(shape) ? MAX_UNNEST_ROWS : rowsWithin(MAX_BIND_PARAMETERS, shape.columns().size(), 1000);
    }

    /**
     * UNNEST needs a type for every column's array; a column of unknown type (a schemaless field seen only as null)
     * has none, so such rows take multi-row VALUES, where the server infers it from the target column.
     */
    private static boolean columnar(WriteShape shape) {
        return shape.columns().stream().noneMatch(column -> column.kind() == ColumnKind.UNKNOWN);
    }

    @Override
    public WriteSql insert(WriteShape shape, int rows) {
        if (!columnar(shape)) {
            return super.insert(shape, rows);
        }
        SqlBuilder sql = sql().append("INSERT INTO ").table(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") ");
        appendUnnest(sql, shape);
        return new WriteSql(sql.toString(), rows, shape.columnNames(), true);
    }

    /**
     * {@code INSERT ... SELECT * FROM UNNEST(...) ON CONFLICT}: one array per column instead of one parameter per
     * value, so the statement text and its plan are the same for any number of rows; else multi-row VALUES.
     */
    @Override
    public WriteSql upsert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("INSERT INTO ").table(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") ");
        boolean columnar = columnar(shape);
        if (columnar) {
            appendUnnest(sql, shape);
        } else {
            sql.append("VALUES ");
            appendValueRows(sql, shape, rows);
        }
        OnConflictUpsert.append(sql, shape);
        return new WriteSql(sql.toString(), rows, shape.columnNames(), columnar);
    }

    private void appendUnnest(SqlBuilder sql, WriteShape shape) {
        sql.append("SELECT * FROM UNNEST(").list(shape.columns(), (builder, column) ->
                builder.append("CAST(? AS ").append(columnType(column)).append("[])")).append(")");
    }

    /** Every column travels as a text array (pgjdbc encodes it safely) cast by the server to the column's type. */
    @Override
    public void bindColumn(java.sql.PreparedStatement statement, int index, ColumnSpec column, Object[] values)
            throws java.sql.SQLException {
        String[] texts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            texts[i] = text(values[i]);
        }
        statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
    }

    /** A value in PostgreSQL's text input format. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder(2 + bytes.length * 2).append("\\x");
            for (byte b : bytes) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
