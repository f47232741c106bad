package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.testing.db.PostgresDatabase;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inserts of many rows into PostgreSQL go through {@code COPY}: the same rows land exactly as single-row
 * {@code INSERT}s land them (text with COPY's special characters, every kind of value), triggers fire, and targets
 * where COPY would behave differently (a view, a table with rules) take statements.
 */
class PostgresCopyInsertIT {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static final ColumnSpec ID = new ColumnSpec("id", Schema.INT64_SCHEMA, true);
    private static final ColumnSpec TEXT = new ColumnSpec("text", Schema.OPTIONAL_STRING_SCHEMA, false);
    private static final List<ColumnSpec> EVERY_KIND = List.of(ID, TEXT,
            new ColumnSpec("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA, false),
            new ColumnSpec("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA, false),
            new ColumnSpec("blob", Schema.OPTIONAL_BYTES_SCHEMA, false),
            new ColumnSpec("price", Decimal.builder(2).optional().build(), false),
            new ColumnSpec("moment", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP).optional()
                    .build(), false),
            new ColumnSpec("zoned", SchemaBuilder.string().name(DebeziumTypes.ZONED_TIMESTAMP).optional()
                    .build(), false),
            new ColumnSpec("uid", SchemaBuilder.string().name(DebeziumTypes.UUID).optional().build(), false),
            new ColumnSpec("doc", SchemaBuilder.struct().optional().field("city", Schema.STRING_SCHEMA).build(),
                    false),
            new ColumnSpec("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build(), false));

    /** Strings that mean something to COPY's text format, or to UTF-8 (two, three and four bytes). */
    private static final List<String> AWKWARD = Arrays.asList("tab\there", "new\nline", "carriage\rreturn",
            "back\\slash", "\\N", "\\.", "", " ", "NULL", "héllo", "中文", "emoji \uD83D\uDE00", null);

    private final SinkDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name", SinkDialect.class);

    @Test
    void copiedRowsLandExactlyAsSingleRowInsertsLandThem() throws SQLException {
        create("copied");
        create("inserted");
        installStatementLog("copied");
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < 3_000; id++) { // several 64 KB chunks
            rows.add(row(id));
        }
        RowWriter writer = new RowWriter(dialect);
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            assertThat(dialect.acceptsBulkInsert(connection, TableId.of("copied"))).isTrue();
            writer.load(connection, shape("copied"), rows);
            for (Object[] row : rows) {
                writer.insert(connection, shape("inserted"), List.<Object[]>of(row));
            }
            connection.commit();
        }

        assertThat(tableText("copied")).hasSize(3_000).isEqualTo(tableText("inserted"));
        assertThat(strings("SELECT DISTINCT split_part(statement, ' ', 1) FROM statement_log"))
                .as("the trigger fired for each copied row, under COPY").containsExactly("COPY");
        assertThat(strings("SELECT count(*)::text FROM statement_log")).containsExactly("3000");
        assertThat(strings("SELECT text FROM copied WHERE id < " + AWKWARD.size() + " ORDER BY id"))
                .containsExactlyElementsOf(AWKWARD);
    }

    @Test
    void aDuplicateKeyFailsTheCopyAsARecordError() throws SQLException {
        create("duplicated");
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            SQLException duplicate = catchThrowableOfType(SQLException.class, () -> new RowWriter(dialect)
                    .load(connection, shape("duplicated"), List.of(row(1), row(2), row(1))));
            connection.rollback();
            assertThat(duplicate.getSQLState()).isEqualTo("23505");
            assertThat(dialect.errors().classify(duplicate)).isEqualTo(SqlErrorKind.RECORD);
        }
        assertThat(strings("SELECT count(*)::text FROM duplicated")).containsExactly("0");
    }

    @Test
    void aViewAndATableWithRulesTakeInsertStatements() throws SQLException {
        create("behind_view");
        DATABASE.execute("CREATE VIEW through_view AS SELECT * FROM behind_view");
        create("ruled");
        DATABASE.execute("CREATE TABLE ruled_audit (id BIGINT)");
        DATABASE.execute("CREATE RULE audit AS ON INSERT TO ruled DO ALSO INSERT INTO ruled_audit VALUES (NEW.id)");
        RowWriter writer = new RowWriter(dialect);
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            assertThat(dialect.acceptsBulkInsert(connection, TableId.of("through_view"))).isFalse();
            assertThat(dialect.acceptsBulkInsert(connection, TableId.of("ruled"))).isFalse();
            writer.insert(connection, shape("through_view"), List.of(row(1), row(2), row(3)));
            writer.insert(connection, shape("ruled"), List.of(row(1), row(2)));
            connection.commit();
        }
        assertThat(strings("SELECT id::text FROM behind_view ORDER BY id"))
                .containsExactly("1", "2", "3");
        assertThat(strings("SELECT id::text FROM ruled_audit ORDER BY id"))
                .as("the rule ran, as COPY would not have run it").containsExactly("1", "2");
    }

    private void create(String table) {
        DATABASE.execute(dialect.createTable(TableId.of(table), EVERY_KIND, List.of("id")));
    }

    private static WriteShape shape(String table) {
        return new WriteShape(TableId.of(table), EVERY_KIND, List.of("id"), null);
    }

    /** A row trigger that records the statement each inserted row came from. */
    private static void installStatementLog(String table) {
        DATABASE.execute("CREATE TABLE statement_log (statement TEXT)");
        DATABASE.execute("CREATE FUNCTION log_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO statement_log VALUES (current_query()); RETURN NEW; END $$");
        DATABASE.execute("CREATE TRIGGER logged BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION log_statement()");
    }

    /** Row {@code id}: the awkward strings first, then varied values, and after them every tenth row of nulls. */
    private static Object[] row(long id) {
        Object[] values = {id, id < AWKWARD.size() ? AWKWARD.get((int) id) : "order " + id + "\twith\\text",
                id * 0.25d, id % 2 == 0, new byte[] {(byte) id, 0, (byte) 0xff}, BigDecimal.valueOf(id * 101, 2),
                1_700_000_000_123_456L + id, "2024-03-01T10:15:30.123456+02:00",
                "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                new org.apache.kafka.connect.data.Struct(EVERY_KIND.get(9).schema()).put("city", "Bern\t\"" + id),
                Arrays.asList("a,b {c}", "q\"uote\\", null, "tab\t")};
        Object[] row = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boolean nulled = id >= AWKWARD.size() && id % 10 == 9 && i > 0;
            ColumnSpec column = EVERY_KIND.get(i);
            row[i] = nulled ? null : ColumnValues.toJdbc(column.kind(), column.schema(), values[i]);
        }
        return row;
    }

    /** Every row as PostgreSQL prints it, ordered by id. */
    private static List<String> tableText(String table) throws SQLException {
        return strings("SELECT t::text FROM " + table + " t ORDER BY id");
    }

    /** The first column of every row of a query. */
    private static List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
