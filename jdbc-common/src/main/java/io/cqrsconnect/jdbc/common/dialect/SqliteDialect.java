package io.cqrsconnect.jdbc.common.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cqrsconnect.common.naming.NameLength;
import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.jdbc.common.ColumnChange;
import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.IdentifierRules.Restriction;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SourceColumn;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.TrackingKind;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.common.WriteSql;

/**
 * SQLite: dynamic typing, so columns are declared by affinity (INTEGER, REAL, TEXT, BLOB); dates, times, decimals
 * and UUIDs are stored as their ISO/plain text, which sorts and compares correctly and loses nothing. Upserts use
 * {@code ON CONFLICT} (SQLite 3.24+, bundled by sqlite-jdbc). SQLite cannot change a column's nullability in place.
 */
public class SqliteDialect extends GenericDialect {

    /** Claims {@code jdbc:sqlite:} URLs. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("sqlite", EXACT, SqliteDialect::new, "jdbc:sqlite:");
        }
    }

    /** SQLite has no length limit; it compares names without (ASCII) case. */
    private static final IdentifierRules RULES = new IdentifierRules("\"", "\"",
            new NameLength(128, NameLength.Unit.CHARACTERS), IdentifierRules.CaseFolding.AS_IS,
            Set.of(Restriction.COLUMNS_IGNORE_CASE));
    private static final int MAX_BIND_PARAMETERS = 32766;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;

    /** sqlite-jdbc reports SQLite result codes, not SQLSTATEs. */
    private static final SqlErrorClassifier ERRORS = new SqlErrorClassifier() {
        @Override
        protected SqlErrorKind classifyOne(SQLException error) {
            int primary = error.getErrorCode() & 0xff;
            return switch (primary) {
                case SQLITE_BUSY, SQLITE_LOCKED -> SqlErrorKind.TRANSIENT;
                case SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH -> SqlErrorKind.RECORD;
                default -> super.classifyOne(error);
            };
        }
    };

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public IdentifierRules identifierRules() {
        return RULES;
    }

    @Override
    public SqlErrorClassifier errors() {
        return ERRORS;
    }

    /** SQLite has no schemas (its attached databases are per connection, and the sink does not attach any). */
    @Override
    public SchemaSupport schemaSupport() {
        return SchemaSupport.NONE;
    }

    /** SQLite reserves names starting with {@code sqlite_} for itself (a topic of that name is no exception). */
    @Override
    public String tableName(String rendered) {
        String name = super.tableName(rendered);
        return name.regionMatches(true, 0, "sqlite_", 0, 7) ? "t_" + name : name;
    }

    @Override
    public String columnType(ColumnSpec column) {
        return switch (column.kind()) {
            case INT8, INT16, INT32, INT64, BOOLEAN -> "INTEGER";
            case FLOAT32, FLOAT64 -> "REAL";
            case BYTES -> "BLOB";
            default -> "TEXT";
        };
    }

    /** SQLite stores a NaN as NULL without a word: refused rather than lost. */
    @Override
    public void checkValue(ColumnSpec column, Object value) throws SQLException {
        if (value instanceof Double number && number.isNaN() || value instanceof Float single && single.isNaN()) {
            throw new SQLDataException("column '" + column.name() + "': NaN is a valid floating-point "
                    + "value but SQLite's REAL stores it as NULL", "22003");
        }
        super.checkValue(column, value);
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnSpec column, Object value) throws SQLException {
        if (value instanceof LocalDateTime timestamp) {
            statement.setString(index, timestamp.toString().replace('T', ' '));
        } else if (value instanceof TimeOfDay time) {
            // HH:MM:SS[.fraction], SQLite's own time text, seconds always written: readers (this bundle's source
            // among them) expect them; the end of the day alike
            String text = time.isEndOfDay() ? "24:00" : time.toLocalTime().toString();
            statement.setString(index, text.length() == 5 ? text + ":00" : text);
        } else if (value instanceof LocalDate || value instanceof OffsetDateTime
                || value instanceof UUID) {
            statement.setString(index, value.toString());
        } else if (value instanceof BigDecimal decimal) {
            statement.setString(index, decimal.toPlainString());
        } else {
            super.bind(statement, index, column, value);
        }
    }

    @Override
    public Optional<String> relaxNullability(Connection connection, TableId table, ColumnDefinition column) {
        return Optional.empty();
    }

    @Override
    public Optional<String> viewDefinition(Connection connection, TableId view) throws SQLException {
        return firstString(connection, "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?",
                view.name());
    }

    /**
     * Column types are affinities in SQLite: an INTEGER column already holds any 64-bit integer, keeps 1.5 as a REAL
     * (affinity converts only without loss), and a TEXT column has no length.
     */
    @Override
    public ColumnChange widenColumn(Connection connection, TableId table, ColumnDefinition existing,
                                    ColumnSpec wanted) {
        return ColumnChange.NONE;
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return rowsWithin(MAX_BIND_PARAMETERS, shape.columns().size(), 500);
    }

    @Override
    public WriteSql upsert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("INSERT INTO ").table(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") VALUES ");
        appendValueRows(sql, shape, rows);
        OnConflictUpsert.append(sql, shape);
        return new WriteSql(sql.toString(), rows, shape.columnNames());
    }

    @Override
    public SourceColumn sourceColumn(ResultColumn column) {
        return SqliteSourceColumns.of(column);
    }

    @Override
    public Optional<TrackingKind> trackingKind(ResultColumn column) {
        return SqliteSourceColumns.trackingKind(column);
    }

    @Override
    public SqlBuilder limit(SqlBuilder sql) {
        return sql.append(" LIMIT ").parameter();
    }
}
