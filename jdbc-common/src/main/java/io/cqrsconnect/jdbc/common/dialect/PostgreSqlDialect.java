package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.naming.NameLength;
import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.jdbc.common.ColumnChange;
import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.CommitSafety;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.common.WriteSql;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * PostgreSQL: native types ({@code jsonb}, {@code uuid}, {@code timestamptz}, unconstrained {@code numeric},
 * arrays of primitives such as {@code bigint[]} and {@code text[]}); inserts by {@code COPY}, and {@code ON CONFLICT}
 * upserts of up to 5000 rows per statement, each column bound as one array and expanded by {@code UNNEST}.
 */
public class PostgreSqlDialect extends GenericDialect {

    /** Claims {@code jdbc:postgresql:} URLs. */
    public static final class Provider extends UrlPrefixDialectProvider {
        public Provider() {
            super("postgresql", EXACT, PostgreSqlDialect::new, "jdbc:postgresql:");
        }
    }

    /** Names are at most NAMEDATALEN-1 = 63 bytes; PostgreSQL would cut longer ones itself, without a word. */
    private static final IdentifierRules RULES = new IdentifierRules("\"", "\"",
            new NameLength(63, NameLength.Unit.UTF8_BYTES), IdentifierRules.CaseFolding.LOWER, Set.of());
    private static final int MAX_BIND_PARAMETERS = 32767;

    @Override
    public String name() {
        return "postgresql";
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
            case ARRAY -> PostgresArrays.arrayType(ColumnKind.arrayElement(column.schema()));
            default -> super.columnType(column);
        };
    }

    /**
     * JSON text and array literals are sent as strings; the cast makes PostgreSQL parse them (a jsonb or array
     * column refuses varchar).
     */
    @Override
    protected String placeholder(ColumnSpec column) {
        return switch (column.kind()) {
            case JSON -> "CAST(? AS jsonb)";
            case ARRAY -> "CAST(? AS " + columnType(column) + ")";
            default -> "?";
        };
    }

    /**
     * An existing column decides how arrays are stored: into a jsonb (or text) column as JSON, into an array column
     * as an array of that column's element type (an array whose elements were never seen, {@code []} in schemaless
     * JSON, included).
     */
    @Override
    public ColumnSpec matchExisting(ColumnDefinition existing, ColumnSpec wanted) {
        if (wanted.kind() == ColumnKind.DECIMAL || wanted.kind() == ColumnKind.VARIABLE_DECIMAL) {
            return super.matchExisting(existing, wanted);
        }
        boolean arrayColumn = existing.jdbcType() == Types.ARRAY;
        if (wanted.kind() == ColumnKind.ARRAY && !arrayColumn) {
            return wanted.as(ColumnKind.JSON);
        }
        Schema element = arrayColumn ? PostgresArrays.elementSchema(existing.typeName()) : null;
        if (element == null || wanted.schema().type() != Schema.Type.ARRAY
                || wanted.kind() != ColumnKind.ARRAY && !SchemalessStructs.isNullType(wanted.schema().valueSchema())) {
            return wanted;
        }
        SchemaBuilder array = SchemaBuilder.array(element);
        if (wanted.schema().isOptional()) {
            array.optional();
        }
        return new ColumnSpec(wanted.name(), array.build(), wanted.key(), ColumnKind.ARRAY);
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
    public void bind(PreparedStatement statement, int index, ColumnSpec column, Object value)
            throws SQLException {
        if (column.kind() == ColumnKind.ARRAY && value instanceof List<?> list) {
            statement.setString(index, PostgresArrays.literal(list));
        } else if (value instanceof UUID) {
            statement.setObject(index, value);
        } else {
            super.bind(statement, index, column, value);
        }
    }

    /**
     * PostgreSQL's text types hold no NUL character (its encodings refuse 0x00, and the error names no column):
     * a string with one, alone or in an array, is refused naming its column.
     */
    @Override
    public void checkValue(ColumnSpec column, Object value) throws SQLException {
        if (value instanceof String text && text.indexOf('\u0000') >= 0
                || value instanceof List<?> list && list.stream().anyMatch(element ->
                        element instanceof String text && text.indexOf('\u0000') >= 0)) {
            throw new SQLDataException("column '" + column.name() + "': the text holds a NUL character "
                    + "(U+0000), which PostgreSQL's text types cannot store", "22021");
        }
        super.checkValue(column, value);
    }

    /** pgjdbc writes {@link LocalTime#MAX} as {@code 24:00:00}, which PostgreSQL's time holds. */
    @Override
    protected void bindTime(PreparedStatement statement, int index, ColumnSpec column, TimeOfDay time)
            throws SQLException {
        statement.setObject(index, time.isEndOfDay() ? LocalTime.MAX : time.toLocalTime());
    }

    /** {@code ALTER COLUMN ... TYPE}: keeps NOT NULL; a larger varchar or numeric precision rewrites no rows. */
    @Override
    protected ColumnChange alterColumnType(Connection connection, TableId table, ColumnDefinition existing,
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
    public Optional<String> viewDefinition(Connection connection, TableId view)
            throws SQLException {
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
     * A plain or partitioned table without rewrite rules: there {@code COPY} fires the same triggers and checks the
     * same constraints as {@code INSERT}. A view or a table with rules (which COPY would bypass) takes statements.
     */
    @Override
    public boolean acceptsBulkInsert(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relkind IN ('r', 'p') "
                + "AND NOT c.relhasrules FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, sql().table(table).toString());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** The planner's statistic ({@code pg_class.reltuples}); -1 (never analysed) falls back to counting. */
    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(c.reltuples AS BIGINT) "
                + "FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, sql().table(table).toString());
            try (ResultSet result = statement.executeQuery()) {
                long estimate = result.next() ? result.getLong(1) : -1;
                return estimate >= 0 ? estimate : super.estimateRows(connection, table);
            }
        }
    }

    /** {@code COPY ... FROM STDIN}, where the connection is pgjdbc's. */
    @Override
    public boolean bulkInsert(Connection connection, WriteShape shape, List<Object[]> rows) throws SQLException {
        if (!PostgresCopy.available(connection)) {
            return false;
        }
        String copy = sql().append("COPY ").table(shape.table()).append(" (").identifiers(shape.columnNames())
                .append(") FROM STDIN").toString();
        PostgresCopy.copy(connection, copy, shape.columns(), rows);
        return true;
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

    /**
     * {@code SELECT * FROM UNNEST(CAST(? AS BIGINT[]), ...)}. A column that is itself an array cannot travel as an
     * array of arrays (PostgreSQL's are rectangular), so it travels as a text array of array literals, cast per row
     * in the select list: {@code SELECT "c0", CAST("c1" AS TEXT[]) FROM UNNEST(..., CAST(? AS TEXT[])) AS "u"("c0",
     * "c1")}.
     */
    private void appendUnnest(SqlBuilder sql, WriteShape shape) {
        List<ColumnSpec> columns = shape.columns();
        if (columns.stream().noneMatch(column -> column.kind() == ColumnKind.ARRAY)) {
            sql.append("SELECT * FROM UNNEST(").list(columns, (builder, column) ->
                    builder.append("CAST(? AS ").append(columnType(column)).append("[])")).append(")");
            return;
        }
        List<Integer> positions = IntStream.range(0, columns.size()).boxed().toList();
        sql.append("SELECT ").list(positions, (builder, i) -> {
            if (columns.get(i).kind() == ColumnKind.ARRAY) {
                builder.append("CAST(").identifier("c" + i).append(" AS ").append(columnType(columns.get(i)))
                        .append(")");
            } else {
                builder.identifier("c" + i);
            }
        });
        sql.append(" FROM UNNEST(").list(columns, (builder, column) -> builder.append("CAST(? AS ")
                .append(column.kind() == ColumnKind.ARRAY ? "TEXT" : columnType(column)).append("[])"));
        sql.append(") AS ").identifier("u").append("(").list(positions, (builder, i) -> builder.identifier("c" + i))
                .append(")");
    }

    /**
     * Every column travels as a text array (pgjdbc encodes it safely) cast by the server to the column's type. The
     * rows are converted to text row by row, each row's values at once while they are in the CPU's cache, rather
     * than column by column over the whole batch.
     */
    @Override
    public void bindColumns(PreparedStatement statement, int[] order, List<ColumnSpec> columns,
                            List<Object[]> rows) throws SQLException {
        String[][] texts = new String[order.length][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            Object[] values = rows.get(row);
            for (int parameter = 0; parameter < order.length; parameter++) {
                int position = order[parameter];
                texts[parameter][row] = PostgresText.of(columns.get(position), values[position]);
            }
        }
        Connection connection = statement.getConnection();
        for (int parameter = 0; parameter < order.length; parameter++) {
            statement.setArray(parameter + 1, connection.createArrayOf("text", texts[parameter]));
        }
    }

    @Override
    public CommitSafety commitSafety() {
        return CommitSafety.IN_FLIGHT_TRANSACTIONS;
    }

    @Override
    public CommitHorizon commitHorizon(Connection connection, Duration lookBack) throws SQLException {
        return PostgresInFlight.read(connection);
    }
}
