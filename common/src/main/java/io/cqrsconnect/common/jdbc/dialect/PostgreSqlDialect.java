package io.cqrsconnect.common.jdbc.dialect;

import java.sql.Types;

import io.cqrsconnect.common.jdbc.ColumnKind;
import io.cqrsconnect.common.jdbc.ColumnSpec;
import io.cqrsconnect.common.jdbc.DialectProvider;
import io.cqrsconnect.common.jdbc.IdentifierRules;
import io.cqrsconnect.common.jdbc.JdbcDialect;
import io.cqrsconnect.common.jdbc.SqlBuilder;
import io.cqrsconnect.common.jdbc.WriteShape;
import io.cqrsconnect.common.jdbc.WriteSql;

/**
 * PostgreSQL: native types ({@code jsonb}, {@code uuid}, {@code timestamptz}, unconstrained {@code numeric}), and
 * multi-row {@code INSERT ... ON CONFLICT} upserts carrying up to 1000 rows (well under the protocol's 32767 bind
 * parameters) per statement.
 */
public class PostgreSqlDialect extends GenericDialect {

    /** Claims {@code jdbc:postgresql:} URLs. */
    public static final class Provider implements DialectProvider {
        @Override
        public String name() {
            return "PostgreSqlDialect";
        }

        @Override
        public int score(String jdbcUrl) {
            return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:") ? EXACT : NOT_SUPPORTED;
        }

        @Override
        public JdbcDialect create() {
            return new PostgreSqlDialect();
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

    @Override
    public java.util.Optional<String> widenColumn(String table, io.cqrsconnect.common.jdbc.ColumnDefinition existing,
                                                  ColumnSpec wanted) {
        if (!needsWidening(existing, wanted)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(sql().append("ALTER TABLE ").identifier(table).append(" ALTER COLUMN ")
                .identifier(existing.name()).append(" TYPE ").append(columnType(wanted)).toString());
    }

    @Override
    public int maxRowsPerStatement(int columnCount) {
        return rowsWithin(MAX_BIND_PARAMETERS, columnCount, 1000);
    }

    @Override
    public WriteSql upsert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("INSERT INTO ").identifier(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") VALUES ");
        appendValueRows(sql, shape, rows);
        OnConflictUpsert.append(sql, shape);
        return new WriteSql(sql.toString(), rows, shape.columnNames());
    }
}
