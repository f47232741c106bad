package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.config.DecimalHandling;
import io.cqrsconnect.jdbc.source.schema.ColumnReaders;
import io.cqrsconnect.jdbc.source.schema.RowConverter;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * Changelog capture ({@code mode=changelog}) in a real Connect cluster, once per database: the connector installs
 * the changelog and its triggers; inserts, updates and deletes arrive as Debezium-compatible envelopes with before
 * and after images, a delete followed by a tombstone; what Kafka acknowledged is purged from the changelog; with
 * {@code changelog.install=false} nothing is installed and the DDL the connector prints, run by hand, works.
 */
abstract class ChangelogCaptureContract extends SourceClusterSupport {

    /** The table's name as the database stores it (some fold unquoted names to upper case). */
    String stored(String table) {
        return table;
    }

    /** The changelog of a table, quoted as SQL needs it. */
    String changelogSql(String table) {
        return stored(table) + "__changelog";
    }

    /** A second private database of the same kind: the pipeline test's target. */
    abstract TestDatabase target();

    /** The column definitions of the pipeline test's table, {@code id} first: many types, as this database has them. */
    abstract String typesColumns();

    /** Statements writing rows 1 to 3 of the types table, then updating and deleting some: every value kind. */
    abstract List<String> typesChanges(String table);

    /** A query counting the changelog triggers installed on a table; at least {@link #triggerCount()} when done. */
    abstract String installedTriggersQuery(String table);

    abstract int triggerCount();

    @Override
    String topic(String prefix, String table) {
        return prefix + stored(table);
    }

    Map<String, String> changelogConfig(String prefix, String table) {
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "changelog");
        config.put("output.format", "envelope");
        config.put("table.include.list", table);
        // The stream alone: a snapshot racing the first writes would emit them as reads (SnapshotContract covers it).
        config.put("snapshot.mode", "never");
        return config;
    }

    void createTable(String table) {
        execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(20), qty INTEGER)");
    }

    void awaitInstalled(String table) {
        await().atMost(TIMEOUT).until(() -> count(installedTriggersQuery(table)) >= triggerCount());
    }

    long count(String query) throws SQLException {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    boolean changelogExists(String table) {
        try {
            count("SELECT COUNT(*) FROM " + changelogSql(table));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void insertsUpdatesAndDeletesArriveWithBeforeAndAfterImagesAndATombstone() throws Exception {
        String table = table("changes");
        createTable(table);
        String prefix = prefix("changes");
        String connector = start("changelog", changelogConfig(prefix, table));
        awaitInstalled(table);

        execute("INSERT INTO " + table + " VALUES (1, 'apple', 3)", "INSERT INTO " + table + " VALUES (2, 'pear', 5)",
                "UPDATE " + table + " SET qty = 4, name = 'green apple' WHERE id = 1",
                "DELETE FROM " + table + " WHERE id = 2");

        List<Captured> records = awaitRecords(topic(prefix, table), 5);
        assertThat(records).hasSize(5);
        assertThat(ids(records)).containsExactly(1L, 2L, 1L, 2L, 2L);
        assertThat(records.subList(0, 4)).extracting(record -> record.value().getString("op"))
                .containsExactly("c", "c", "u", "d");

        Struct created = records.get(0).value();
        assertThat(created.get("before")).isNull();
        assertThat(row(created.getStruct("after"))).containsExactly(1L, "apple", 3L);
        Struct source = created.getStruct("source");
        assertThat(source.getString("table")).isEqualTo(stored(table));
        assertThat(source.getString("connector")).isEqualTo("jdbc");
        assertThat(source.getInt64("ts_ms")).isPositive();
        assertThat(created.getInt64("ts_ms")).isPositive();

        Struct updated = records.get(2).value();
        assertThat(row(updated.getStruct("before"))).containsExactly(1L, "apple", 3L);
        assertThat(row(updated.getStruct("after"))).containsExactly(1L, "green apple", 4L);

        Struct deleted = records.get(3).value();
        assertThat(row(deleted.getStruct("before"))).containsExactly(2L, "pear", 5L);
        assertThat(deleted.get("after")).isNull();
        assertThat(records.get(4).value()).as("the tombstone after the delete").isNull();

        // Kafka acknowledged every record: the changelog is purged.
        await().atMost(TIMEOUT).until(() -> count("SELECT COUNT(*) FROM " + changelogSql(table)) == 0);
        // what a monitoring tool sees: five records of this table, and a capture caught up with the database
        Map<String, String> tags = Map.of("table", stored(table));
        assertThat(TaskMetricsJmx.value(connector, "records-captured-total", tags)).isEqualTo(5.0);
        assertThat(TaskMetricsJmx.value(connector, "milliseconds-behind-source", tags)).isZero();
    }

    @Test
    void aColumnListLeavesColumnsOutOfBothImagesWhileTheChangelogKeepsThem() throws Exception {
        String table = table("cols");
        createTable(table);
        String prefix = prefix("cols");
        Map<String, String> config = changelogConfig(prefix, table);
        config.put("column.exclude.list", table + "\\.qty");
        start("changelog-cols", config);
        awaitInstalled(table);

        execute("INSERT INTO " + table + " VALUES (1, 'apple', 3)",
                "UPDATE " + table + " SET qty = 4, name = 'green apple' WHERE id = 1");

        List<Captured> records = awaitRecords(topic(prefix, table), 2);
        Struct updated = records.get(1).value();
        assertThat(updated.getStruct("before").schema().fields()).extracting(field -> field.name().toLowerCase())
                .containsExactly("id", "name");
        assertThat(row(updated.getStruct("before"))).containsExactly(1L, "apple");
        assertThat(row(updated.getStruct("after"))).containsExactly(1L, "green apple");
        List<String> changelogColumns = new java.util.ArrayList<>();
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + changelogSql(table) + " WHERE 1 = 0")) {
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                changelogColumns.add(result.getMetaData().getColumnLabel(i).toLowerCase());
            }
        }
        assertThat(changelogColumns).as("the triggers keep every column").contains("before__qty", "after__qty");
    }

    @Test
    void changesMadeWhileTheConnectorIsStoppedArriveOnceAfterItResumes() throws Exception {
        String table = table("resume");
        createTable(table);
        String prefix = prefix("resume");
        String connector = start("changelog-resume", changelogConfig(prefix, table));
        awaitInstalled(table);
        execute("INSERT INTO " + table + " VALUES (1, 'a', 1)", "INSERT INTO " + table + " VALUES (2, 'b', 2)");
        awaitRecords(topic(prefix, table), 2);

        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        execute("INSERT INTO " + table + " VALUES (3, 'c', 3)", "UPDATE " + table + " SET qty = 10 WHERE id = 1");
        cluster.connect().resumeConnector(connector);
        cluster.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning(connector, 1,
                "the connector did not resume");
        execute("INSERT INTO " + table + " VALUES (4, 'last', 4)");

        List<Captured> records = awaitRecords(topic(prefix, table), 5);
        assertThat(ids(records)).as("every change once, in order, the last one written last")
                .containsExactly(1L, 2L, 3L, 1L, 4L);
        assertThat(row(records.get(3).value().getStruct("after"))).containsExactly(1L, "a", 10L);
        await().atMost(TIMEOUT).until(() -> count("SELECT COUNT(*) FROM " + changelogSql(table)) == 0);
    }

    @Test
    void rowOutputCarriesTheRowAndADeleteIsATombstone() throws Exception {
        String table = table("rows");
        createTable(table);
        String prefix = prefix("rows");
        Map<String, String> config = changelogConfig(prefix, table);
        config.put("output.format", "row");
        start("changelog-rows", config);
        awaitInstalled(table);

        execute("INSERT INTO " + table + " VALUES (7, 'plum', 1)", "UPDATE " + table + " SET qty = 2 WHERE id = 7",
                "DELETE FROM " + table + " WHERE id = 7");

        List<Captured> records = awaitRecords(topic(prefix, table), 3);
        assertThat(records).hasSize(3);
        assertThat(ids(records)).containsExactly(7L, 7L, 7L);
        assertThat(row(records.get(0).value())).containsExactly(7L, "plum", 1L);
        assertThat(row(records.get(1).value())).containsExactly(7L, "plum", 2L);
        assertThat(records.get(2).value()).isNull();
    }

    @Test
    void withoutInstallNothingIsInstalledAndThePrintedDdlWorks() throws Exception {
        String table = table("dba");
        createTable(table);
        String prefix = prefix("dba");
        Map<String, String> config = changelogConfig(prefix, table);
        config.put("changelog.install", "false");

        Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);
        assertThat(problems).containsOnlyKeys("changelog.install");
        String message = problems.get("changelog.install").get(0);
        assertThat(message).contains("does not exist").contains("CREATE TRIGGER");
        assertThat(changelogExists(table)).isFalse();

        // Connect refuses to create the connector with the same DDL in its answer, and nothing is installed.
        String connector = "changelog-dba-" + SEQUENCE.incrementAndGet();
        assertThatThrownBy(() -> cluster.connect().configureConnector(connector, config))
                .hasMessageContaining("CREATE TRIGGER");
        assertThat(changelogExists(table)).isFalse();

        // The DBA runs the printed DDL as it is.
        String script = message.substring(message.indexOf("run:\n") + "run:\n".length());
        List<String> statements = Arrays.stream(script.split(";\n"))
                .map(each -> each.endsWith(";") ? each.substring(0, each.length() - 1) : each).toList();
        execute(statements.toArray(String[]::new));
        assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();

        String installed = start("changelog-dba-installed", config);
        execute("INSERT INTO " + table + " VALUES (1, 'fig', 9)");
        List<Captured> records = awaitRecords(topic(prefix, table), 1);
        assertThat(records.get(0).value().getString("op")).isEqualTo("c");
        assertThat(row(records.get(0).value().getStruct("after"))).containsExactly(1L, "fig", 9L);

        // Without its changelog a restarted task installs nothing and fails, its status showing the DDL to run.
        await().atMost(TIMEOUT).until(() -> count("SELECT COUNT(*) FROM " + changelogSql(table)) == 0);
        execute("DROP TABLE " + changelogSql(table));
        cluster.connect().restartTask(installed, 0);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var task = cluster.connect().connectorStatus(installed).tasks().get(0);
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("changelog.install=false").contains("CREATE TRIGGER");
        });
        assertThat(changelogExists(table)).isFalse();
    }

    @Test
    void aColumnAddedAfterTheInstallIsReportedWithWhatToRun() throws Exception {
        String table = table("evolve");
        createTable(table);
        Map<String, String> config = changelogConfig(prefix("evolve"), table);
        start("changelog-evolve", config);
        awaitInstalled(table);
        assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();

        execute("ALTER TABLE " + table + " ADD COLUMN note VARCHAR(10)");

        Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);
        assertThat(problems).containsOnlyKeys("changelog.install");
        assertThat(problems.get("changelog.install").get(0)).contains("lacks the columns")
                .containsIgnoringCase("before__note").contains("CREATE TRIGGER");
    }

    /**
     * The pipeline: this source in changelog mode, the topic, our JDBC sink into another database. After
     * inserts, updates and deletes over many column types the target table equals the source table value for
     * value, both read through the same column readers.
     */
    @Test
    void theJdbcSinkMaterializesTheChangelogValueForValue() throws Exception {
        String table = table("types");
        String create = "CREATE TABLE " + table + " (" + typesColumns() + ")";
        execute(create);
        target().execute(create);
        String prefix = prefix("types");
        start("changelog-pipeline", changelogConfig(prefix, table));
        awaitInstalled(table);
        start("changelog-pipeline-sink", sinkConfig(topic(prefix, table)));

        execute(typesChanges(table).toArray(String[]::new));

        List<Struct> source = rows(database(), table);
        assertThat(source).hasSize(3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(target(), table)).isEqualTo(source));
    }

    Map<String, String> sinkConfig(String topic) {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("connector.class", "io.cqrsconnect.jdbc.sink.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", target().jdbcUrl());
        config.put("connection.user", target().user());
        config.put("connection.password", target().password());
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("table.name.format", "${source.table}");
        config.put("key.converter", org.apache.kafka.connect.json.JsonConverter.class.getName());
        config.put("value.converter", org.apache.kafka.connect.json.JsonConverter.class.getName());
        return config;
    }

    /** Every row of a table by id, each read by the source's column readers into Connect values. */
    List<Struct> rows(TestDatabase db, String table) throws SQLException {
        SourceDialect dialect = Dialects.find(db.jdbcUrl(), "", "dialect.name", SourceDialect.class);
        List<Struct> rows = new java.util.ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            RowConverter converter = RowConverter.forResult(null,
                    new ColumnReaders(dialect, DecimalHandling.PRECISE), result.getMetaData(), List.of());
            while (result.next()) {
                rows.add(converter.value(result));
            }
        }
        return rows;
    }

    /** A row image's values in column order, integers as longs. */
    static List<Object> row(Struct image) {
        return image.schema().fields().stream().map(Field::name).map(image::get)
                .map(value -> value instanceof Number number && !(value instanceof java.math.BigDecimal)
                        ? (Object) number.longValue() : value)
                .map(value -> value instanceof java.math.BigDecimal decimal ? (Object) decimal.longValueExact()
                        : value)
                .toList();
    }
}
