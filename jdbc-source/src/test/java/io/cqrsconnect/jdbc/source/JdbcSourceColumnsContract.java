package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.junit.jupiter.api.Test;

/**
 * What of each column the source captures, in a real Connect cluster against a real database: the column lists keep
 * or leave out columns by {@code table.column} or {@code schema.table.column}, and refuse to leave out one the
 * capture needs, on the key to change; {@code decimal.handling.mode} gives decimals as doubles or exact text.
 */
abstract class JdbcSourceColumnsContract extends JdbcSourceValuesContract {

    /** False for a database without schemas (SQLite): its columns are named table.column only. */
    boolean hasSchemas() {
        return true;
    }

    /** The column type that holds a declared DECIMAL exactly (SQLite stores DECIMAL(p,s) as a REAL). */
    String exactDecimal(String declared) {
        return declared;
    }

    @Test
    void columnListsCaptureOnlyTheColumnsTheyKeep() throws Exception {
        String table = table("cols");
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20), secret VARCHAR(20), "
                + "note VARCHAR(20))", "INSERT INTO " + table + " VALUES (1, 'a', 's1', 'n1')",
                "INSERT INTO " + table + " VALUES (2, 'b', 's2', 'n2')");
        String included = prefix("cols-in");
        Map<String, String> config = columnsConfig(included, table);
        config.put("column.include.list", table + "\\.id, " + table + "\\.name");
        start("cols-in", config);
        String excluded = prefix("cols-ex");
        config = columnsConfig(excluded, table);
        // Qualified by the schema (database): matches schema.table.secret, never table.secret alone.
        config.put("column.exclude.list", (hasSchemas() ? ".+\\." : "") + table + "\\.secret");
        start("cols-ex", config);

        List<Captured> kept = awaitRecords(topic(included, table), 2);
        assertThat(fieldNames(kept.get(0))).containsExactly("id", "name");
        assertThat(kept).extracting(record -> record.value().get(fieldOf(record, "name"))).containsExactly("a", "b");
        List<Captured> rest = awaitRecords(topic(excluded, table), 2);
        assertThat(fieldNames(rest.get(0))).containsExactly("id", "name", "note");
        assertThat(rest).extracting(record -> record.value().get(fieldOf(record, "note")))
                .containsExactly("n1", "n2");

        execute("INSERT INTO " + table + " VALUES (3, 'c', 's3', 'n3')");
        assertThat(awaitRecords(topic(included, table), 3).get(2).value().get(fieldOf(kept.get(0), "name")))
                .isEqualTo("c");
    }

    @Test
    void validateRefusesToLeaveOutAColumnTheCaptureNeeds() {
        String table = table("cols_needed");
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20))");
        Map<String, String> config = columnsConfig(prefix("cols-needed"), table);
        config.put("column.include.list", table + "\\.name");

        Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);
        assertThat(problems).containsOnlyKeys("column.include.list");
        assertThat(problems.get("column.include.list").get(0)).containsIgnoringCase("column 'id'")
                .contains("key column").containsIgnoringCase(table + ".id");

        config.put("column.include.list", table + "\\.(id|name)");
        config.put("column.exclude.list", table + "\\.name");
        assertThat(JdbcSourceConnectorContract.problems(config)).containsOnlyKeys("column.exclude.list");

        config.remove("column.include.list");
        config.put("column.exclude.list", table + "\\.nmae, " + table + "\\.name");
        problems = JdbcSourceConnectorContract.problems(config);
        assertThat(problems).containsOnlyKeys("column.exclude.list");
        assertThat(problems.get("column.exclude.list")).singleElement().asString().contains(table + "\\.nmae")
                .contains("matches no column");
    }

    @Test
    void decimalHandlingModeGivesDecimalsAsDoublesOrExactText() throws Exception {
        String table = table("decimals");
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, amount "
                + exactDecimal("DECIMAL(30,10)") + ", price " + exactDecimal("DECIMAL(10,2)") + ")",
                "INSERT INTO " + table + " VALUES (1, '12345678901234567890.0123456789', '0.10')",
                "INSERT INTO " + table + " VALUES (2, '-0.0000000001', NULL)");
        Map<String, String> prefixes = new java.util.LinkedHashMap<>();
        for (String mode : List.of("double", "string")) {
            String prefix = prefix("decimals-" + mode);
            Map<String, String> config = columnsConfig(prefix, table);
            config.put("decimal.handling.mode", mode);
            start("decimals-" + mode, config);
            prefixes.put(mode, prefix);
        }

        List<Captured> doubles = awaitRecords(topic(prefixes.get("double"), table), 2);
        Field amount = doubles.get(0).value().schema().field(fieldOf(doubles.get(0), "amount"));
        assertThat(amount.schema().type()).isEqualTo(org.apache.kafka.connect.data.Schema.Type.FLOAT64);
        assertThat(doubles).extracting(record -> record.value().get(fieldOf(record, "amount")))
                .containsExactly(12345678901234567890.0123456789, -0.0000000001);
        assertThat(doubles).extracting(record -> record.value().get(fieldOf(record, "price")))
                .containsExactly(0.1, null);
        List<Captured> texts = awaitRecords(topic(prefixes.get("string"), table), 2);
        assertThat(texts.get(0).value().schema().field(fieldOf(texts.get(0), "amount")).schema().type())
                .isEqualTo(org.apache.kafka.connect.data.Schema.Type.STRING);
        assertThat(texts).extracting(record -> record.value().get(fieldOf(record, "amount")))
                .containsExactly("12345678901234567890.0123456789", "-0.0000000001");
        assertThat(texts).extracting(record -> record.value().get(fieldOf(record, "price")))
                .containsExactly("0.10", null);
    }

    /**
     * The tables of the schemas the schema lists choose are captured, matched by {@code schema.table}, each to the
     * topic {@code <prefix><schema>.<table>}: two schemas with a table of the same name, a third excluded, and the
     * current schema's table of that name left alone.
     *
     * @param createSchema the statement that creates a schema (on MySQL/MariaDB a database), the name appended
     * @return the schemas made, for a subclass to drop
     */
    List<String> captureTheTablesOfListedSchemas(String createSchema) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String table = "items_" + n;
        List<String> schemas = List.of("cols_a_" + n, "cols_b_" + n, "cols_c_" + n);
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO " + table + " VALUES (1, 'current')");
        for (String schema : schemas) {
            execute(createSchema + schema, "CREATE TABLE " + schema + "." + table + " (id INTEGER NOT NULL PRIMARY "
                    + "KEY, name VARCHAR(20))", "INSERT INTO " + schema + "." + table + " VALUES (1, '" + schema
                    + "')");
        }
        String prefix = prefix("schemas");
        Map<String, String> config = columnsConfig(prefix, "cols_.*\\." + table);
        config.put("schema.include.list", "cols_.*_" + n);
        config.put("schema.exclude.list", "cols_c_" + n);
        config.put("column.exclude.list", "cols_b_" + n + "\\." + table + "\\.name");
        config.put("tasks.max", "2");
        start("schemas", config);

        List<Captured> a = awaitRecords(prefix + schemas.get(0) + "." + table, 1);
        assertThat(a).extracting(record -> record.value().get(fieldOf(record, "name"))).containsExactly(schemas.get(0));
        List<Captured> b = awaitRecords(prefix + schemas.get(1) + "." + table, 1);
        assertThat(fieldNames(b.get(0))).containsExactly("id");
        execute("INSERT INTO " + schemas.get(0) + "." + table + " VALUES (2, 'later')");
        assertThat(ids(awaitRecords(prefix + schemas.get(0) + "." + table, 2))).containsExactly(1L, 2L);
        assertThat(readAll(prefix + schemas.get(2) + "." + table)).isEmpty();
        assertThat(readAll(prefix + table)).isEmpty();
        return schemas;
    }

    private Map<String, String> columnsConfig(String prefix, String table) {
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", table);
        return config;
    }

    /** A field's name as the database returned it (some fold unquoted names to upper case). */
    static String fieldOf(Captured record, String name) {
        return record.value().schema().fields().stream().map(Field::name).filter(each -> each.equalsIgnoreCase(name))
                .findFirst().orElse(name);
    }

    static List<String> fieldNames(Captured record) {
        return record.value().schema().fields().stream().map(Field::name).map(String::toLowerCase).toList();
    }
}
