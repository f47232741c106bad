package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * What every sink dialect must do against its real database, written once and run per database by a subclass:
 * DDL from Connect schemas, value round trips for every column kind, multi-row inserts and upserts, the version
 * guard, updates and deletes by key, table evolution, metadata lookup and error classification.
 */
abstract class SinkDialectContract {

    abstract TestDatabase database();

    SinkDialect dialect() {
        return Dialects.find(database().jdbcUrl(), null, "dialect.name", SinkDialect.class);
    }

    private static final ColumnSpec ID = new ColumnSpec("id", Schema.INT64_SCHEMA, true);
    private static final ColumnSpec NAME = new ColumnSpec("name", Schema.OPTIONAL_STRING_SCHEMA, false);
    private static final ColumnSpec VERSION = new ColumnSpec("version", Schema.INT64_SCHEMA, false);

    private Connection open() throws SQLException {
        Connection connection = database().connect();
        connection.setAutoCommit(false);
        return connection;
    }

    private void create(String table, List<ColumnSpec> columns, List<String> key) {
        database().execute(dialect().createTable(TableId.of(table), columns, key));
    }

    @Test
    void createsColumnsForEveryKindAndRoundTripsTheirValues() throws SQLException {
        Schema variableDecimal = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL).optional()
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Schema nested = SchemaBuilder.struct().optional().field("city", Schema.STRING_SCHEMA).build();
        Map<ColumnSpec, Object> values = new LinkedHashMap<>();
        values.put(new ColumnSpec("key_text", Schema.STRING_SCHEMA, true), "k-1");
        values.put(new ColumnSpec("small", Schema.OPTIONAL_INT16_SCHEMA, false), (short) 7);
        values.put(new ColumnSpec("number", Schema.OPTIONAL_INT32_SCHEMA, false), 42);
        values.put(new ColumnSpec("big", Schema.OPTIONAL_INT64_SCHEMA, false), 9_000_000_000L);
        values.put(new ColumnSpec("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA, false), 0.25d);
        values.put(new ColumnSpec("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA, false), true);
        values.put(new ColumnSpec("text", Schema.OPTIONAL_STRING_SCHEMA, false), "héllo 'quoted'");
        values.put(new ColumnSpec("blob", Schema.OPTIONAL_BYTES_SCHEMA, false), new byte[] {1, 2, 3});
        values.put(new ColumnSpec("price", Decimal.builder(2).optional().build(), false), new BigDecimal("1234.56"));
        values.put(new ColumnSpec("exact", variableDecimal, false), new Struct(variableDecimal)
                .put("scale", 4).put("value", new java.math.BigInteger("123456789").toByteArray()));
        values.put(new ColumnSpec("day", SchemaBuilder.int32().name(DebeziumTypes.DATE).optional().build(),
                false), 19_783);
        values.put(new ColumnSpec("clock", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIME).optional()
                .build(), false), 3_723_000_000L);
        values.put(new ColumnSpec("moment", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP)
                .optional().build(), false), 1_700_000_000_123_456L);
        values.put(new ColumnSpec("zoned", SchemaBuilder.string().name(DebeziumTypes.ZONED_TIMESTAMP)
                .optional().build(), false), "2024-03-01T10:15:30.123456+02:00");
        values.put(new ColumnSpec("uid", SchemaBuilder.string().name(DebeziumTypes.UUID).optional().build(),
                false), "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        values.put(new ColumnSpec("doc", nested, false), new Struct(nested).put("city", "Bern"));
        values.put(new ColumnSpec("nothing", Schema.OPTIONAL_STRING_SCHEMA, false), null);
        ColumnSpec tags = new ColumnSpec("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build(),
                false);
        values.put(tags, java.util.Arrays.asList("plain", "a,b {c}", "q\"uote\\", "NULL", null, ""));
        values.put(new ColumnSpec("counts", SchemaBuilder.array(Schema.INT64_SCHEMA).optional().build(), false),
                List.of(1L, -9_000_000_000L));
        values.put(new ColumnSpec("none_yet", SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build(), false),
                List.of());
        List<ColumnSpec> columns = new ArrayList<>(values.keySet());
        create("every_kind", columns, List.of("key_text"));

        Object[] row = columns.stream().map(c -> ColumnValues.toJdbc(c.kind(), c.schema(), values.get(c))).toArray();
        try (Connection connection = open()) {
            new RowWriter(dialect()).load(connection,
                    new WriteShape(TableId.of("every_kind"), columns, List.of("key_text"), null), List.<Object[]>of(row));
            connection.commit();
        }

        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + dialect().sql().identifier("every_kind"))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("key_text")).isEqualTo("k-1");
            assertThat(rows.getInt("small")).isEqualTo(7);
            assertThat(rows.getInt("number")).isEqualTo(42);
            assertThat(rows.getLong("big")).isEqualTo(9_000_000_000L);
            assertThat(rows.getDouble("ratio")).isEqualTo(0.25d);
            assertThat(rows.getBoolean("flag")).isTrue();
            assertThat(rows.getString("text")).isEqualTo("héllo 'quoted'");
            assertThat(rows.getBytes("blob")).containsExactly(1, 2, 3);
            assertThat(new BigDecimal(rows.getString("price"))).isEqualByComparingTo("1234.56");
            assertThat(new BigDecimal(rows.getString("exact"))).isEqualByComparingTo("12345.6789");
            assertThat(rows.getString("day")).startsWith("2024-03-01");
            assertThat(rows.getString("clock")).startsWith("01:02:03");
            assertThat(LocalDateTime.parse(rows.getString("moment").replace(' ', 'T')))
                    .isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000));
            assertThat(instant(rows.getObject("zoned")))
                    .isEqualTo(OffsetDateTime.parse("2024-03-01T10:15:30.123456+02:00").toInstant());
            assertThat(rows.getString("uid")).isEqualToIgnoringCase("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
            assertThat(rows.getString("doc").replace(" ", "")).isEqualTo("{\"city\":\"Bern\"}");
            assertThat(rows.getString("nothing")).isNull();
            if (dialect().columnType(tags).endsWith("[]")) {
                assertThat((Object[]) rows.getArray("tags").getArray())
                        .containsExactly("plain", "a,b {c}", "q\"uote\\", "NULL", null, "");
                assertThat((Object[]) rows.getArray("counts").getArray()).containsExactly(1L, -9_000_000_000L);
                assertThat((Object[]) rows.getArray("none_yet").getArray()).isEmpty();
            } else {
                assertThat(rows.getString("tags").replace(", ", ","))
                        .isEqualTo("[\"plain\",\"a,b {c}\",\"q\\\"uote\\\\\",\"NULL\",null,\"\"]");
                assertThat(rows.getString("counts").replace(" ", "")).isEqualTo("[1,-9000000000]");
                assertThat(rows.getString("none_yet")).isEqualTo("[]");
            }
        }
    }

    /** Zoned timestamps come back as the database keeps them: with an offset, or as UTC wall time. */
    private static java.time.Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime utc) {
            return utc.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        String text = value.toString().replace(' ', 'T');
        return text.matches(".*([+-]\\d\\d(:?\\d\\d)?|Z)$")
                ? OffsetDateTime.parse(text.replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant()
                : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    @Test
    void upsertInsertsNewKeysAndReplacesExistingOnesAcrossManyStatements() throws SQLException {
        List<ColumnSpec> columns = List.of(ID, NAME);
        create("upserted", columns, List.of("id"));
        WriteShape shape = new WriteShape(TableId.of("upserted"), columns, List.of("id"), null);
        RowWriter writer = new RowWriter(dialect());
        try (Connection connection = open()) {
            writer.upsert(connection, shape, rows(1, 1500, "first"));
            connection.commit();
            writer.upsert(connection, shape, rows(1001, 2500, "second"));
            connection.commit();
        }
        assertThat(count("upserted")).isEqualTo(2500);
        assertThat(nameOf("upserted", 1000)).isEqualTo("first-1000");
        assertThat(nameOf("upserted", 1001)).isEqualTo("second-1001");
        assertThat(nameOf("upserted", 2500)).isEqualTo("second-2500");
    }

    private static List<Object[]> rows(int from, int to, String prefix) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(new Object[] {id, prefix + "-" + id});
        }
        return rows;
    }

    @Test
    void theVersionGuardNeverOverwritesARowHoldingANewerVersion() throws SQLException {
        List<ColumnSpec> columns = List.of(ID, NAME, VERSION);
        create("guarded", columns, List.of("id"));
        WriteShape shape = new WriteShape(TableId.of("guarded"), columns, List.of("id"), "version");
        RowWriter writer = new RowWriter(dialect());
        try (Connection connection = open()) {
            writer.upsert(connection, shape, List.of(row(1, "v5", 5), row(2, "v5", 5), row(3, "v5", 5)));
            connection.commit();
            long affected = writer.upsert(connection, shape, List.of(row(1, "v3", 3), row(2, "v7", 7),
                    row(3, "v5-again", 5), row(4, "v1", 1)));
            connection.commit();
            if (dialect().upsertCountsAreExact()) {
                assertThat(affected).as("the guard left row 1 alone; the others were written").isEqualTo(3);
            }
            writer.update(connection, shape, List.of(row(1, "v4", 4), row(2, "v8", 8)));
            connection.commit();
        }
        assertThat(nameOf("guarded", 1)).isEqualTo("v5");
        assertThat(nameOf("guarded", 2)).isEqualTo("v8");
        assertThat(nameOf("guarded", 3)).isEqualTo("v5-again");
        assertThat(nameOf("guarded", 4)).isEqualTo("v1");
        assertThat(versionOf("guarded", 2)).isEqualTo(8);

        try (Connection connection = open()) {
            writer.delete(connection, TableId.of("guarded"), List.of(ID), VERSION,
                    List.of(new Object[] {1L, 4L}, new Object[] {2L, 9L}));
            connection.commit();
        }
        assertThat(nameOf("guarded", 1)).as("a delete older than the row leaves it").isEqualTo("v5");
        assertThat(nameOf("guarded", 2)).as("a newer delete removes it").isNull();
    }

    private static Object[] row(long id, String name, long version) {
        return new Object[] {id, name, version};
    }

    @Test
    void insertUpdateAndDeleteByKey() throws SQLException {
        List<ColumnSpec> columns = List.of(ID, NAME);
        create("plain", columns, List.of("id"));
        WriteShape shape = new WriteShape(TableId.of("plain"), columns, List.of("id"), null);
        RowWriter writer = new RowWriter(dialect());
        try (Connection connection = open()) {
            writer.load(connection, shape, rows(1, 700, "new"));
            writer.update(connection, shape, List.<Object[]>of(new Object[] {5L, "changed"},
                    new Object[] {9999L, "nowhere"}));
            writer.delete(connection, TableId.of("plain"), List.of(ID), null, List.of(new Object[] {6L}, new Object[] {7L}));
            connection.commit();
        }
        assertThat(count("plain")).isEqualTo(698);
        assertThat(nameOf("plain", 5)).isEqualTo("changed");
        assertThat(nameOf("plain", 6)).isNull();
        assertThat(nameOf("plain", 9999)).isNull();
    }

    @Test
    void addsColumnsAndRelaxesNullabilityWhereTheDatabaseCan() throws SQLException {
        ColumnSpec required = new ColumnSpec("required_name", Schema.STRING_SCHEMA, false);
        create("evolving", List.of(ID, required), List.of("id"));
        ColumnSpec added = new ColumnSpec("added", Schema.OPTIONAL_INT32_SCHEMA, false);
        ColumnSpec addedRequired = new ColumnSpec("added_required", Schema.INT64_SCHEMA, false);
        database().execute(dialect().addColumns(TableId.of("evolving"), List.of(added, addedRequired)).toArray(String[]::new));

        try (Connection connection = database().connect()) {
            TableDefinition table = dialect().describeTable(connection, TableId.of("evolving")).orElseThrow();
            assertThat(table.primaryKey()).containsExactly("id");
            assertThat(table.columns()).extracting(ColumnDefinition::name)
                    .containsExactly("id", "required_name", "added", "added_required");
            assertThat(table.column("added_required").orElseThrow().nullable())
                    .as("added columns accept NULL: existing rows have no value").isTrue();
            ColumnDefinition requiredName = table.column("required_name").orElseThrow();
            assertThat(requiredName.nullable()).isFalse();

            var relax = dialect().relaxNullability(connection, TableId.of("evolving"), requiredName);
            if (database().kind().equals("SQLite")) {
                assertThat(relax).as("SQLite cannot change nullability in place").isEmpty();
                return;
            }
            database().execute(relax.orElseThrow());
            assertThat(dialect().describeTable(connection, TableId.of("evolving")).orElseThrow().column("required_name")
                    .orElseThrow().nullable()).isTrue();
        }
    }

    @Test
    void widensColumnsWhoseValuesOutgrewThemKeepingRowsAndNullabilityAndNeverNarrows() throws SQLException {
        ColumnSpec small = new ColumnSpec("amount", Schema.INT32_SCHEMA, false);
        ColumnSpec single = new ColumnSpec("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA, false);
        ColumnSpec price = new ColumnSpec("price", Decimal.builder(2).optional()
                .parameter("connect.decimal.precision", "6").build(), false);
        TableId table = TableId.of("widening");
        create("widening", List.of(ID, small, single, price), List.of("id"));
        // A hand-made bounded column, as a DBA would size it for a source VARCHAR(20).
        database().execute(dialect().sql().append("ALTER TABLE ").table(table).append(" ADD ").identifier("code")
                .append(" VARCHAR(20)").toString());
        try (Connection connection = open()) {
            new RowWriter(dialect()).insert(connection, new WriteShape(table, List.of(ID, small, single, price),
                    List.of("id"), null), List.<Object[]>of(new Object[] {1L, 7, 0.5f, new BigDecimal("1234.56")}));
            connection.commit();
        }
        ColumnSpec big = new ColumnSpec("amount", Schema.INT64_SCHEMA, false);
        ColumnSpec dbl = new ColumnSpec("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA, false);
        ColumnSpec finer = new ColumnSpec("price", Decimal.builder(4).optional()
                .parameter("connect.decimal.precision", "12").build(), false);
        ColumnSpec longer = new ColumnSpec("code", SchemaBuilder.string().optional()
                .parameter("__debezium.source.column.length", "40").build(), false);
        ColumnSpec fraction = new ColumnSpec("amount", Schema.FLOAT64_SCHEMA, false);
        boolean dynamic = database().kind().equals("SQLite");
        try (Connection connection = open()) {
            TableDefinition before = dialect().describeTable(connection, table).orElseThrow();
            ColumnDefinition amount = before.column("amount").orElseThrow();
            assertThat(dialect().widenColumn(connection, table, amount, small)).as("same width")
                    .isEqualTo(ColumnChange.NONE);
            assertThat(dialect().widenColumn(connection, table, before.column("id").orElseThrow(), small))
                    .as("never narrows").isEqualTo(ColumnChange.NONE);
            ColumnChange refused = dialect().widenColumn(connection, table, amount, fraction);
            if (dynamic) {
                assertThat(refused).as("SQLite keeps 1.5 as 1.5 in an INTEGER column").isEqualTo(ColumnChange.NONE);
            } else {
                assertThat(refused).isInstanceOfSatisfying(ColumnChange.Refused.class, refusal ->
                        assertThat(refusal.reason()).contains("integer column rounds away"));
            }
            List<String> ddl = new ArrayList<>();
            for (ColumnSpec wanted : List.of(big, dbl, finer, longer)) {
                ColumnChange change = dialect().widenColumn(connection, table,
                        before.column(wanted.name()).orElseThrow(), wanted);
                if (change instanceof ColumnChange.Widen widen) {
                    ddl.add(widen.statement());
                }
            }
            connection.commit();
            if (dynamic) {
                assertThat(ddl).as("SQLite's affinities already hold every value").isEmpty();
            } else {
                boolean singleColumn = before.column("ratio").orElseThrow().jdbcType() == java.sql.Types.REAL;
                assertThat(ddl).as("a double column already holds doubles").hasSize(singleColumn ? 4 : 3);
                database().execute(ddl.toArray(String[]::new));
                TableDefinition after = dialect().describeTable(connection, table).orElseThrow();
                assertThat(after.column("amount").orElseThrow().nullable()).as("NOT NULL is kept").isFalse();
                assertThat(after.column("price").orElseThrow()).satisfies(column -> {
                    assertThat(column.size()).isEqualTo(12);
                    assertThat(column.scale()).isEqualTo(4);
                });
                assertThat(after.column("code").orElseThrow().size()).isEqualTo(40);
                for (ColumnSpec wanted : List.of(big, dbl, finer, longer)) {
                    assertThat(dialect().widenColumn(connection, table,
                            after.column(wanted.name()).orElseThrow(), wanted)).as("widened once: " + wanted.name())
                            .isEqualTo(ColumnChange.NONE);
                }
                connection.commit();
            }
        }
        try (Connection connection = open()) {
            new RowWriter(dialect()).insert(connection, new WriteShape(table, List.of(ID, big, dbl, finer, longer),
                    List.of("id"), null), List.<Object[]>of(new Object[] {2L, 9_000_000_000L, 0.1d,
                    new BigDecimal("12345678.1234"), "x".repeat(40)}));
            connection.commit();
        }
        assertThat(column("widening", 1, "amount")).as("existing rows are kept").isEqualTo("7");
        assertThat(new BigDecimal(column("widening", 1, "price"))).isEqualByComparingTo("1234.56");
        assertThat(column("widening", 2, "amount")).isEqualTo("9000000000");
        assertThat(Double.parseDouble(column("widening", 2, "ratio"))).isEqualTo(0.1d);
        assertThat(new BigDecimal(column("widening", 2, "price"))).isEqualByComparingTo("12345678.1234");
        assertThat(column("widening", 2, "code")).hasSize(40);
    }

    @Test
    void findsATableCreatedWithoutQuotesWhateverItsCase() throws SQLException {
        database().execute("CREATE TABLE Customer_Accounts (Account_Id INTEGER PRIMARY KEY, Holder VARCHAR(20))");
        try (Connection connection = database().connect()) {
            TableDefinition table = dialect().describeTable(connection, TableId.of("customer_accounts")).orElseThrow();
            assertThat(table.column("holder")).isPresent();
            assertThat(table.primaryKey()).hasSize(1);
            assertThat(table.primaryKey().get(0)).isEqualToIgnoringCase("account_id");
            assertThat(dialect().describeTable(connection, TableId.of("no_such_table"))).isEmpty();
        }
    }

    @Test
    void aQualifiedTableLivesInItsSchemaWithItsViewAndItsGuardedUpserts() throws SQLException {
        if (dialect().schemaSupport() == SchemaSupport.NONE) {
            try (Connection connection = database().connect()) {
                assertThatThrownBy(() -> dialect().storedSchema(connection, "elsewhere"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no schemas");
            }
            return;
        }
        // Created unquoted, as a DBA would: H2 stores it upper case, PostgreSQL lower case.
        String typed = "cqrs_elsewhere_" + Integer.toString(java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(1 << 20, 1 << 30), 36);
        database().execute("CREATE SCHEMA " + typed);
        try (Connection connection = open()) {
            String schema = dialect().storedSchema(connection, typed).orElseThrow();
            assertThat(dialect().storedSchema(connection, typed.toUpperCase(java.util.Locale.ROOT))).contains(schema);
            assertThat(dialect().storedSchema(connection, typed + "_missing")).isEmpty();
            TableId table = new TableId(schema, "placed");
            create("placed", List.of(ID), List.of("id"));
            database().execute(dialect().createTable(table, List.of(ID, NAME, VERSION), List.of("id")));

            assertThat(dialect().describeTable(connection, table).orElseThrow()).satisfies(definition -> {
                assertThat(definition.name()).isEqualTo(table);
                assertThat(definition.columns()).extracting(ColumnDefinition::name)
                        .containsExactly("id", "name", "version");
                assertThat(definition.primaryKey()).containsExactly("id");
            });
            assertThat(dialect().describeTable(connection, new TableId(typed, "placed")).orElseThrow().name())
                    .as("found by the schema as typed, named as stored").isEqualTo(table);
            assertThat(dialect().describeTable(connection, TableId.of("placed")).orElseThrow().columns())
                    .as("the unqualified name is the current schema's table").hasSize(1);
            assertThat(dialect().tableNames(connection, schema)).containsExactly("placed");

            WriteShape shape = new WriteShape(table, List.of(ID, NAME, VERSION), List.of("id"), "version");
            RowWriter writer = new RowWriter(dialect());
            writer.upsert(connection, shape, List.of(row(1, "v2", 2), row(2, "v1", 1)));
            connection.commit();
            writer.upsert(connection, shape, List.of(row(1, "v1-late", 1), row(2, "v3", 3)));
            writer.delete(connection, table, List.of(ID), VERSION, List.<Object[]>of(new Object[] {2L, 2L}));
            connection.commit();

            TableId view = table.sibling("placed_view");
            try (Statement statement = connection.createStatement()) {
                for (String sql : dialect().replaceView(view, table)) {
                    statement.executeUpdate(sql);
                }
            }
            connection.commit();
            assertThat(dialect().viewDefinition(connection, view)).get().asString().containsIgnoringCase("placed");
            assertThat(dialect().viewDefinition(connection, TableId.of("placed_view"))).isEmpty();
            connection.commit();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    dialect().sql().append("SELECT ").identifier("name").append(" FROM ").table(view)
                            .append(" ORDER BY ").identifier("id").toString())) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                assertThat(names).containsExactly("v2", "v3");
            }
            connection.commit();
        } finally {
            if (dialect().schemaSupport() == SchemaSupport.CATALOG) {
                database().execute("DROP DATABASE " + typed); // a database of its own on the shared server
            }
        }
    }

    @Test
    void classifiesTheDatabasesRealErrors() throws SQLException {
        ColumnSpec required = new ColumnSpec("required_name", Schema.STRING_SCHEMA, false);
        create("strict", List.of(ID, required), List.of("id"));
        WriteShape shape = new WriteShape(TableId.of("strict"), List.of(ID, required), List.of("id"), null);
        RowWriter writer = new RowWriter(dialect());
        try (Connection connection = open()) {
            writer.insert(connection, shape, List.<Object[]>of(new Object[] {1L, "one"}));
            connection.commit();

            SQLException duplicate = failure(() ->
                    writer.insert(connection, shape, List.<Object[]>of(new Object[] {1L, "again"})));
            connection.rollback();
            assertThat(dialect().errors().classify(duplicate)).isEqualTo(SqlErrorKind.RECORD);

            SQLException nullValue = failure(() ->
                    writer.insert(connection, shape, List.<Object[]>of(new Object[] {2L, null})));
            connection.rollback();
            assertThat(dialect().errors().classify(nullValue)).isEqualTo(SqlErrorKind.RECORD);

            SQLException missingTable = failure(() -> writer.insert(connection,
                    new WriteShape(TableId.of("no_such_table"), shape.columns(), List.of("id"), null),
                    List.<Object[]>of(new Object[] {3L, "x"})));
            connection.rollback();
            assertThat(dialect().errors().classify(missingTable)).isEqualTo(missingTableKind());
        }
    }

    /** What a write into a missing table means: fatal, unless the database makes it a moment's state. */
    SqlErrorKind missingTableKind() {
        return SqlErrorKind.FATAL;
    }

    @Test
    void theSchemalessNullTypeBindsNullIntoAnExistingColumn() throws SQLException {
        create("nullable", List.of(ID, new ColumnSpec("amount", Schema.OPTIONAL_INT64_SCHEMA, false)), List.of("id"));
        ColumnSpec unknown = new ColumnSpec("amount", SchemalessStructs.inferSchema(null), false);
        try (Connection connection = open()) {
            new RowWriter(dialect()).upsert(connection,
                    new WriteShape(TableId.of("nullable"), List.of(ID, unknown), List.of("id"), null),
                    List.<Object[]>of(new Object[] {1L, null}));
            connection.commit();
        }
        assertThat(count("nullable")).isEqualTo(1);
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    private static SQLException failure(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected the statement to fail");
    }

    private long count(String table) throws SQLException {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + dialect().sql().identifier(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String nameOf(String table, long id) throws SQLException {
        return column(table, id, "name");
    }

    private long versionOf(String table, long id) throws SQLException {
        return Long.parseLong(column(table, id, "version"));
    }

    private String column(String table, long id, String column) throws SQLException {
        String sql = dialect().sql().append("SELECT ").identifier(column).append(" FROM ").identifier(table)
                .append(" WHERE ").identifier("id").append(" = ").parameter().toString();
        try (Connection connection = database().connect(); var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

}
