package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.cqrsconnect.common.naming.NameLength;
import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.jdbc.common.ColumnChange;
import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.CommitSafety;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.IdentifierRules.Restriction;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL and MariaDB: back-quoted identifiers, {@code VARCHAR(255)} for key strings (a TEXT column cannot be a key
 * without a prefix length), zoned timestamps stored as UTC {@code DATETIME(6)}, and multi-row
 * {@code INSERT ... ON DUPLICATE KEY UPDATE} upserts: the rewritten batch built by us rather than by the driver, so
 * it is the same with MariaDB Connector/J (which dropped {@code rewriteBatchedStatements}) and MySQL Connector/J.
 */
public class MySqlDialect extends GenericDialect {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlDialect.class);

    /** Claims {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("mysql", EXACT, MySqlDialect::new, "jdbc:mysql:", "jdbc:mariadb:");
        }
    }

    /** 64 characters; names are utf8mb3, and column names ignore case. */
    private static final IdentifierRules RULES = new IdentifierRules("`", "`",
            new NameLength(64, NameLength.Unit.CHARACTERS), IdentifierRules.CaseFolding.AS_IS,
            Set.of(Restriction.COLUMNS_IGNORE_CASE, Restriction.BASIC_MULTILINGUAL_PLANE_ONLY,
                    Restriction.NO_TRAILING_SPACE));
    private static final int MAX_BIND_PARAMETERS = 65535;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final int SERVER_GONE_AWAY = 2006;
    private static final int LOST_CONNECTION = 2013;

    private static final SqlErrorClassifier ERRORS = new SqlErrorClassifier() {
        @Override
        protected SqlErrorKind classifyOne(SQLException error) {
            return switch (error.getErrorCode()) {
                case LOCK_WAIT_TIMEOUT, DEADLOCK, SERVER_GONE_AWAY, LOST_CONNECTION -> SqlErrorKind.TRANSIENT;
                default -> super.classifyOne(error);
            };
        }
    };

    @Override
    public String name() {
        return "mysql";
    }

    /** A qualified name's first part is another database on the server, which JDBC metadata calls a catalog. */
    @Override
    public SchemaSupport schemaSupport() {
        return SchemaSupport.CATALOG;
    }

    @Override
    public IdentifierRules identifierRules() {
        return RULES;
    }

    @Override
    public SqlErrorClassifier errors() {
        return ERRORS;
    }

    /** Server-side bulk execution for the single-row batches (updates, deletes); ignored by drivers without it. */
    @Override
    public Properties defaultConnectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("useBulkStmts", "true");
        properties.setProperty("rewriteBatchedStatements", "true");
        return properties;
    }

    /**
     * Strict mode for the session, whatever the server's default: without it MySQL and MariaDB cut a string to its
     * column and clamp an out-of-range number with a warning instead of refusing them. STRICT_ALL_TABLES is added to
     * the session's modes, which are kept.
     */
    @Override
    public List<String> sessionStatements() {
        return List.of("SET SESSION sql_mode = IF(@@SESSION.sql_mode = '', 'STRICT_ALL_TABLES', "
                + "CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))");
    }

    /** A source's sessions also show {@code TIMESTAMP} columns in UTC ({@link MySqlTimestamps}). */
    @Override
    public List<String> sourceSessionStatements() {
        List<String> statements = new ArrayList<>(sessionStatements());
        statements.add(MySqlTimestamps.SESSION_ZONE_STATEMENT);
        return statements;
    }

    @Override
    public SourceColumn sourceColumn(ResultColumn column) {
        return MySqlTimestamps.isTimestamp(column) ? MySqlTimestamps.sourceColumn(column) : super.sourceColumn(column);
    }

    @Override
    public Optional<TrackingKind> trackingKind(ResultColumn column) {
        return MySqlTimestamps.isTimestamp(column) ? MySqlTimestamps.trackingKind() : super.trackingKind(column);
    }

    @Override
    public String columnType(ColumnSpec column) {
        return switch (column.kind()) {
            case INT8 -> "TINYINT";
            // FLOAT's range ends at 3.402823466E+38, short of the largest float32 (3.4028234663852886E38 refused)
            case FLOAT32 -> "DOUBLE";
            case FLOAT64 -> "DOUBLE";
            case STRING, UNKNOWN -> column.key()
                    ? "VARCHAR(" + Math.max(255, ColumnKind.declaredLength(column.schema())) + ")" : "LONGTEXT";
            case BYTES -> column.key() ? "VARBINARY(255)" : "LONGBLOB";
            case DECIMAL -> "DECIMAL(" + Math.min(65, Math.max(precision(column), 1)) + ","
                    + Math.min(30, ColumnKind.decimalScale(column.schema())) + ")";
            case VARIABLE_DECIMAL -> "DECIMAL(65,30)";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
            case JSON, ARRAY -> "JSON";
            default -> super.columnType(column);
        };
    }

    private static int precision(ColumnSpec column) {
        int precision = ColumnKind.decimalPrecision(column.schema());
        int scale = ColumnKind.decimalScale(column.schema());
        return precision > 0 ? Math.max(precision, scale) : 65;
    }

    /**
     * FLOAT and DOUBLE hold no NaN or infinity; Connector/J would send NaN as a bare word, which the server takes
     * for a column name (42S22, a failure of the whole write).
     */
    @Override
    public void checkValue(ColumnSpec column, Object value) throws SQLException {
        if (value instanceof Double number && !Double.isFinite(number)
                || value instanceof Float single && !Float.isFinite(single)) {
            throw new SQLDataException("column '" + column.name() + "': " + value + " is a valid "
                    + "floating-point value but MySQL's and MariaDB's FLOAT and DOUBLE hold no NaN or infinity",
                    "22003");
        }
        super.checkValue(column, value);
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnSpec column, Object value) throws SQLException {
        if (value instanceof OffsetDateTime zoned) {
            // DATETIME has no zone: store the instant in UTC, the one reading every reader can agree on.
            statement.setObject(index, zoned.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else {
            super.bind(statement, index, column, value);
        }
    }

    /**
     * MySQL's and MariaDB's TIME is a duration and holds 24:00:00; a {@code LocalTime} cannot carry it, so the end of
     * the day travels as text, which the server parses into the column.
     */
    @Override
    protected void bindTime(PreparedStatement statement, int index, ColumnSpec column, TimeOfDay time)
            throws SQLException {
        if (time.isEndOfDay()) {
            statement.setString(index, time.format(6));
        } else {
            statement.setObject(index, time.toLocalTime());
        }
    }

    /**
     * {@code MODIFY COLUMN ... NULL} restates the whole column, so its full type (with length) and collation come from
     * the catalog. A column with a DEFAULT or an EXTRA attribute is left as it is (the task then rejects records
     * without a value for it, with a warning): restating it would drop that text.
     */
    @Override
    public Optional<String> relaxNullability(Connection connection, TableId table, ColumnDefinition column)
            throws SQLException {
        CatalogColumn catalog = CatalogColumn.read(connection, table, column.name());
        if (catalog == null) {
            return Optional.empty();
        }
        if (catalog.keepsTextModifyWouldDrop()) {
            LOG.warn("Column {} of table {} is NOT NULL with {}; MODIFY COLUMN would drop that, so it is not relaxed. "
                    + "Run ALTER TABLE ... MODIFY COLUMN by hand to let it accept NULL.", column.name(), table,
                    catalog.whatModifyWouldDrop());
            return Optional.empty();
        }
        return Optional.of(modifyColumn(table, column.name(), catalog.columnType(), catalog).append(" NULL")
                .toString());
    }

    /** {@code ALTER TABLE t MODIFY COLUMN c <type>}, keeping a string column's collation. */
    private SqlBuilder modifyColumn(TableId table, String column, String type, CatalogColumn catalog) {
        SqlBuilder sql = sql().append("ALTER TABLE ").table(table).append(" MODIFY COLUMN ").identifier(column)
                .append(" ").append(type);
        String collation = catalog.collation();
        if (collation != null && collation.matches("[A-Za-z0-9_]+")) {
            sql.append(" COLLATE ").append(collation);
        }
        return sql;
    }

    /** What the catalog says of a column beyond JDBC's metadata: what {@code MODIFY COLUMN} must restate. */
    private record CatalogColumn(String columnType, String defaultValue, String extra, String collation) {

        static CatalogColumn read(Connection connection, TableId table, String column) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_TYPE, COLUMN_DEFAULT, EXTRA, "
                    + "COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) "
                    + "AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                query.setString(1, table.schema());
                query.setString(2, table.name());
                query.setString(3, column);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? new CatalogColumn(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)) : null;
                }
            }
        }

        /** MariaDB reports a nullable column without a default as the text NULL. */
        boolean hasDefault() {
            return defaultValue != null && !"NULL".equalsIgnoreCase(defaultValue);
        }

        boolean keepsTextModifyWouldDrop() {
            return hasDefault() || extra != null && !extra.isBlank();
        }

        String whatModifyWouldDrop() {
            return hasDefault() ? "DEFAULT " + defaultValue : extra;
        }
    }

    /** ON DUPLICATE KEY UPDATE counts 1 per insert, 2 per changed row and 0 per unchanged one. */
    @Override
    public boolean upsertCountsAreExact() {
        return false;
    }

    /** DDL is not transactional here, but {@code CREATE OR REPLACE VIEW} swaps the view in one statement. */
    @Override
    public List<String> replaceView(TableId view, TableId table) {
        return List.of(createView(view, table).replaceFirst("CREATE VIEW", "CREATE OR REPLACE VIEW"));
    }

    @Override
    public Optional<String> viewDefinition(Connection connection, TableId view) throws SQLException {
        return firstString(connection, "SELECT VIEW_DEFINITION FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", view.schema(), view.name());
    }

    /**
     * {@code MODIFY COLUMN} restates the whole column: the nullability and (for strings) the collation are read from
     * the catalog and kept. A column with a DEFAULT or an EXTRA attribute (AUTO_INCREMENT, ON UPDATE, generated) is
     * refused rather than restated: that text cannot be carried over without splicing catalog text into SQL.
     */
    @Override
    protected ColumnChange alterColumnType(Connection connection, TableId table, ColumnDefinition existing,
                                           String type) throws SQLException {
        CatalogColumn catalog = CatalogColumn.read(connection, table, existing.name());
        if (catalog == null) {
            catalog = new CatalogColumn(type, null, null, null);
        }
        if (catalog.keepsTextModifyWouldDrop()) {
            return new ColumnChange.Refused(type, "MODIFY COLUMN would restate the column without its "
                    + catalog.whatModifyWouldDrop() + "; widen it by hand (ALTER TABLE ... MODIFY COLUMN "
                    + existing.name() + " " + type + " ...)");
        }
        SqlBuilder sql = modifyColumn(table, existing.name(), type,
                type.startsWith("VARCHAR") ? catalog : new CatalogColumn(type, null, null, null));
        return new ColumnChange.Widen(type, sql.append(existing.nullable() ? " NULL" : " NOT NULL").toString());
    }

    /**
     * A FLOAT column (the type this dialect once chose for float32 fields) refuses the largest float32 values, so a
     * float32 field widens it to DOUBLE, which holds every float32 exactly; the rest as {@link GenericDialect}.
     */
    @Override
    public ColumnChange widenColumn(Connection connection, TableId table, ColumnDefinition existing,
                                    ColumnSpec wanted) throws SQLException {
        if (existing.jdbcType() == Types.REAL && wanted.kind() == ColumnKind.FLOAT32) {
            return alterColumnType(connection, table, existing, "DOUBLE");
        }
        return super.widenColumn(connection, table, existing, wanted);
    }

    @Override
    protected int maxDecimalPrecision() {
        return 65;
    }

    @Override
    protected int maxDecimalScale() {
        return 30;
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return rowsWithin(MAX_BIND_PARAMETERS, shape.columns().size(), 1000);
    }

    /**
     * {@code ON DUPLICATE KEY UPDATE}. With a version guard every column keeps its stored value unless the stored
     * version is not newer; the version column is assigned last because MySQL evaluates the assignments in order
     * and later ones see earlier results.
     */
    @Override
    public WriteSql upsert(WriteShape shape, int rows) {
        SqlBuilder sql = sql().append("INSERT INTO ").table(shape.table()).append(" (")
                .identifiers(shape.columnNames()).append(") VALUES ");
        appendValueRows(sql, shape, rows);
        sql.append(" ON DUPLICATE KEY UPDATE ");
        List<String> values = shape.valueColumnNames();
        if (values.isEmpty()) {
            String key = shape.keyColumns().get(0);
            sql.identifier(key).append(" = ").identifier(key);
        } else if (!shape.guarded()) {
            sql.list(values, (builder, column) ->
                    builder.identifier(column).append(" = VALUES(").identifier(column).append(")"));
        } else {
            String version = shape.versionColumn();
            List<String> ordered = new ArrayList<>(values);
            ordered.remove(version);
            ordered.add(version);
            sql.list(ordered, (builder, column) -> builder.identifier(column).append(" = IF(")
                    .identifier(version).append(" IS NULL OR ").identifier(version).append(" <= VALUES(")
                    .identifier(version).append("), VALUES(").identifier(column).append("), ")
                    .identifier(column).append(")"));
        }
        return new WriteSql(sql.toString(), rows, shape.columnNames());
    }

    @Override
    public CommitSafety commitSafety() {
        return CommitSafety.IN_FLIGHT_TRANSACTIONS;
    }

    /** InnoDB's statistic ({@code information_schema.TABLES.TABLE_ROWS}); missing, it counts. */
    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_ROWS FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getObject(1) != null) {
                    return result.getLong(1);
                }
            }
        }
        return super.estimateRows(connection, table);
    }

    @Override
    public CommitHorizon commitHorizon(Connection connection, Duration lookBack) throws SQLException {
        return MySqlInFlight.read(connection);
    }

    @Override
    public SqlBuilder limit(SqlBuilder sql) {
        return sql.append(" LIMIT ").parameter();
    }
}
