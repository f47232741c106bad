package io.cqrsconnect.jdbc.common.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;

/**
 * H2 2.x: standard SQL with native {@code UUID}, {@code DECFLOAT} and zoned timestamps; upserts are the standard
 * {@code MERGE} with many rows per statement.
 */
public class H2Dialect extends GenericDialect {

    /** Claims {@code jdbc:h2:} URLs. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("h2", EXACT, H2Dialect::new, "jdbc:h2:");
        }
    }

    private static final IdentifierRules RULES =
            new IdentifierRules("\"", "\"", 256, IdentifierRules.CaseFolding.UPPER);

    /** H2's {@code TABLE_OR_VIEW_NOT_FOUND_1}. */
    static final int TABLE_NOT_FOUND = 42102;

    /**
     * H2 alters a table by copying it into a new one and dropping the old: a session writing the table meanwhile
     * (another task of the connector, while one adds a column) finds it missing for a moment, so a missing table is
     * retried rather than fatal. One that stays missing fails the write once the retries are spent.
     */
    private static final SqlErrorClassifier ERRORS = new SqlErrorClassifier() {
        @Override
        protected SqlErrorKind classifyOne(SQLException error) {
            return error.getErrorCode() == TABLE_NOT_FOUND ? SqlErrorKind.TRANSIENT : super.classifyOne(error);
        }
    };

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public IdentifierRules identifierRules() {
        return RULES;
    }

    @Override
    public SqlErrorClassifier errors() {
        return ERRORS;
    }

    @Override
    public String columnType(ColumnSpec column) {
        return switch (column.kind()) {
            case INT8 -> "TINYINT";
            case STRING, UNKNOWN, JSON, ARRAY -> "CHARACTER VARYING";
            case BYTES -> "BINARY VARYING";
            case DECIMAL -> ColumnKind.decimalPrecision(column.schema()) > 0 ? decimalType(column)
                    : "NUMERIC(" + Math.max(65, ColumnKind.decimalScale(column.schema())) + ","
                    + ColumnKind.decimalScale(column.schema()) + ")";
            case VARIABLE_DECIMAL -> "DECFLOAT";
            case TIME -> "TIME(6)";
            case TIMESTAMP -> "TIMESTAMP(6)";
            case TIMESTAMP_TZ -> "TIMESTAMP(6) WITH TIME ZONE";
            case UUID -> "UUID";
            default -> super.columnType(column);
        };
    }

    /**
     * In a MERGE's VALUES table H2 types an untyped parameter as text, so bytes arrived as their hex digits (256
     * bytes stored as 512): the cast keeps them binary.
     */
    @Override
    protected String placeholder(ColumnSpec column) {
        return column.kind() == ColumnKind.BYTES ? "CAST(? AS BINARY VARYING)" : "?";
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnSpec column, Object value)
            throws SQLException {
        if (value instanceof UUID) {
            statement.setObject(index, value);
        } else {
            super.bind(statement, index, column, value);
        }
    }

    @Override
    public List<String> replaceView(TableId view, TableId table) {
        return List.of(createView(view, table).replaceFirst("CREATE VIEW", "CREATE OR REPLACE VIEW"));
    }

    @Override
    protected int maxDecimalPrecision() {
        return 100_000;
    }

    @Override
    protected int maxDecimalScale() {
        return 100_000;
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return rowsWithin(10_000, shape.columns().size(), 500);
    }
}
