package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.junit.jupiter.api.Test;

/**
 * The JDBC source in a real Connect cluster capturing a real database, written once and run per database by a
 * subclass: every mode captures, every record is keyed by the table's primary key, rows sharing a timestamp are
 * captured once each across batches and a restart, and a custom query with a WHERE and a join is wrapped, not
 * edited. {@link JdbcSourceCommitSafetyContract} adds transactions committing out of order, {@link
 * JdbcSourceValuesContract} the column types.
 */
abstract class JdbcSourceConnectorContract extends JdbcSourceColumnsContract {

    /** The column type of an id the database gives each insert, as its primary key. */
    abstract String autoIdPrimaryKey();

    /** A timestamp column type with microseconds, and its default: the database's clock on every insert. */
    abstract String stampedColumn();

    /** An expression for the database's clock, as {@link #stampedColumn()} takes it. */
    abstract String clock();

    @Test
    void bulkReadsEveryRowKeyedByItsPrimaryKey() throws Exception {
        String table = table("bulk");
        execute("CREATE TABLE " + table + " (code VARCHAR(10) NOT NULL, line INTEGER NOT NULL, qty INTEGER, "
                + "PRIMARY KEY (code, line))", "INSERT INTO " + table + " VALUES ('a', 1, 10)",
                "INSERT INTO " + table + " VALUES ('a', 2, 20)", "INSERT INTO " + table + " VALUES ('b', 1, 30)");
        String prefix = prefix("bulk");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "bulk");
        config.put("table.include.list", table);
        config.put("poll.interval.ms", "600000");
        config.put("batch.max.rows", "2");
        start("bulk", config);

        List<Captured> records = awaitRecords(topic(prefix, table), 3);
        assertThat(records).hasSize(3);
        assertThat(records).extracting(record -> record.key().schema().fields().stream()
                .map(field -> field.name().toLowerCase()).toList()).containsOnly(List.of("code", "line"));
        assertThat(records).extracting(record -> record.key().get(field(record, "code")) + "/"
                + record.key().get(field(record, "line")) + "=" + record.value().get(field(record, "qty")))
                .containsExactly("a/1=10", "a/2=20", "b/1=30");
    }

    @Test
    void incrementingCapturesNewRowsOnceAcrossPolls() throws Exception {
        String table = table("inc");
        execute("CREATE TABLE " + table + " (id " + autoIdPrimaryKey() + ", name VARCHAR(20))");
        insertNames(table, "a", "b", "c");
        String prefix = prefix("inc");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", table);
        config.put("batch.max.rows", "2");
        start("inc", config);

        awaitRecords(topic(prefix, table), 3);
        insertNames(table, "d", "e");
        List<Captured> records = awaitRecords(topic(prefix, table), 5);
        assertThat(ids(records)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records.get(4).value().get(field(records.get(4), "name"))).isEqualTo("e");
    }

    @Test
    void timestampModesCaptureInsertsAndUpdates() throws Exception {
        String table = table("ts");
        execute("CREATE TABLE " + table + " (id " + autoIdPrimaryKey() + ", name VARCHAR(20), updated_at "
                + stampedColumn() + ")");
        insertNames(table, "a", "b");
        String prefix = prefix("ts");
        Map<String, String> connectors = new HashMap<>();
        for (String mode : List.of("timestamp", "timestamp_incrementing")) {
            Map<String, String> config = sourceConfig(prefix + mode + "-");
            config.put("mode", mode);
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "updated_at");
            config.put("table.include.list", table);
            // The stream alone: a snapshot would read rows stamped after its start horizon twice (SnapshotContract).
            config.put("snapshot.mode", "never");
            connectors.put(mode, start(mode.replace('_', '-'), config));
        }
        for (String mode : List.of("timestamp", "timestamp_incrementing")) {
            awaitRecords(topic(prefix + mode + "-", table), 2);
        }
        execute("UPDATE " + table + " SET name = 'a2', updated_at = " + clock() + " WHERE id = 1");
        for (String mode : List.of("timestamp", "timestamp_incrementing")) {
            List<Captured> records = awaitRecords(topic(prefix + mode + "-", table), 3);
            assertThat(ids(records)).as(mode).containsExactly(1L, 2L, 1L);
            assertThat(records.get(2).value().get(field(records.get(2), "name"))).as(mode).isEqualTo("a2");
            // what a monitoring tool sees of the table: the records, and a lag measured against the database clock
            Map<String, String> tags = Map.of("table", capturedName(table));
            assertThat(TaskMetricsJmx.value(connectors.get(mode), "records-captured-total", tags)).as(mode)
                    .isEqualTo(3.0);
            assertThat(TaskMetricsJmx.value(connectors.get(mode), "milliseconds-behind-source", tags)).as(mode)
                    .isBetween(0.0, 3_600_000.0);
        }
    }

    /** A table's name as the database lists it (and the task's metrics tag it): unquoted names fold their case. */
    String capturedName(String table) {
        return table;
    }

    @Test
    void rowsSharingOneTimestampAreEachCapturedOnceAcrossBatchesAndARestart() throws Exception {
        String table = table("same_ts");
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, updated_at " + stampedColumn() + ")");
        try (Connection connection = database().connect(); Statement statement = connection.createStatement()) {
            for (int id = 1; id <= 50; id++) {
                statement.execute("INSERT INTO " + table + " (id, updated_at) VALUES (" + id
                        + ", " + sharedStamp() + ")");
            }
        }
        String prefix = prefix("same-ts");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "timestamp");
        config.put("timestamp.column.name", "updated_at");
        config.put("table.include.list", table);
        config.put("batch.max.rows", "7");
        config.put("snapshot.mode", "never"); // the restart below resumes the timestamp capture, not a snapshot
        String connector = start("same-ts", config);
        String topic = topic(prefix, table);
        assertThat(ids(awaitRecords(topic, 50))).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed()
                .toList());

        // A restart from the offset a crash after the 20th row leaves: the other 30 share its timestamp.
        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the source did not stop");
        Map<String, Object> afterTwenty = new java.util.HashMap<>(
                cluster.connect().connectorOffsets(connector).offsets().get(0).offset());
        String tieBreaker = afterTwenty.keySet().stream().filter(key -> key.equalsIgnoreCase("after.id"))
                .findFirst().orElseThrow(() -> new AssertionError("no tie-breaker in " + afterTwenty));
        assertThat(((Number) afterTwenty.get(tieBreaker)).longValue()).isEqualTo(50L);
        afterTwenty.put(tieBreaker, 20);
        cluster.connect().alterSourceConnectorOffset(connector,
                cluster.connect().connectorOffsets(connector).offsets().get(0).partition(), afterTwenty);
        cluster.connect().resumeConnector(connector);

        List<Captured> records = awaitRecords(topic, 80);
        assertThat(ids(records.subList(50, records.size()))).containsExactlyElementsOf(
                LongStream.rangeClosed(21, 50).boxed().toList());
    }

    @Test
    void aCustomQueryWithWhereAndJoinIsWrappedNotEdited() throws Exception {
        String customers = table("customers");
        String orders = table("orders");
        execute("CREATE TABLE " + customers + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE " + orders + " (id " + autoIdPrimaryKey() + ", customer_id INTEGER, total INTEGER)",
                "INSERT INTO " + customers + " VALUES (1, 'Ada')", "INSERT INTO " + customers + " VALUES (2, 'Grace')",
                "INSERT INTO " + orders + " (customer_id, total) VALUES (1, 5)",
                "INSERT INTO " + orders + " (customer_id, total) VALUES (2, 50)",
                "INSERT INTO " + orders + " (customer_id, total) VALUES (1, 500)");
        String topic = prefix("query") + "orders";
        Map<String, String> config = sourceConfig(topic);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("pk.fields", "id");
        config.put("query", "SELECT o.id, o.total, c.name AS customer FROM " + orders + " o JOIN " + customers
                + " c ON c.id = o.customer_id WHERE o.total > 10;");
        start("query", config);

        awaitRecords(topic, 2);
        execute("INSERT INTO " + orders + " (customer_id, total) VALUES (2, 1)",
                "INSERT INTO " + orders + " (customer_id, total) VALUES (2, 70)");
        List<Captured> records = awaitRecords(topic, 3);
        assertThat(records).extracting(record -> record.key().get(field(record, "id")) + ":"
                + record.value().get(field(record, "customer")) + ":" + record.value().get(field(record, "total")))
                .containsExactly("2:Grace:50", "3:Ada:500", "5:Grace:70");
    }

    @Test
    void tablesAreChosenByPatternSpreadOverTasksAndFoundWhenTheyAppear() throws Exception {
        String stem = "disc" + SEQUENCE.incrementAndGet() + "_";
        for (String table : List.of(stem + "a", stem + "b", stem + "skip")) {
            execute("CREATE TABLE " + table + " (id " + autoIdPrimaryKey() + ", name VARCHAR(20))");
            insertNames(table, table);
        }
        String prefix = prefix("discovery");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", stem + ".*");
        config.put("table.exclude.list", stem + "skip");
        config.put("table.poll.interval.ms", "1000");
        config.put("tasks.max", "2");
        String connector = start("discovery", config);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 2,
                "two tables, two tasks");
        awaitRecords(topic(prefix, stem + "a"), 1);
        awaitRecords(topic(prefix, stem + "b"), 1);

        execute("CREATE TABLE " + stem + "c (id " + autoIdPrimaryKey() + ", name VARCHAR(20))");
        insertNames(stem + "c", "new");
        assertThat(awaitRecords(topic(prefix, stem + "c"), 1)).hasSize(1);
        assertThat(readAll(topic(prefix, stem + "skip"))).isEmpty();
    }

    @Test
    void validateReportsEveryProblemOnTheKeyToChange() {
        String table = table("no_key");
        execute("CREATE TABLE " + table + " (name VARCHAR(20), amount INTEGER)");
        Map<String, String> config = sourceConfig(prefix("validate"));
        config.put("mode", "timestamp_incrementing");
        config.put("table.include.list", table);
        config.put("incrementing.column.name", "name");
        config.put("timestamp.column.name", "missing");

        Map<String, List<String>> problems = problems(config);
        assertThat(problems).containsOnlyKeys("pk.fields", "incrementing.column.name", "timestamp.column.name");
        assertThat(problems.get("pk.fields").get(0)).contains("no primary key");
        assertThat(problems.get("incrementing.column.name").get(0)).contains("not an integer");
        assertThat(problems.get("timestamp.column.name").get(0)).contains("no column 'missing'");

        config.put("pk.fields", "name");
        config.put("incrementing.column.name", "amount");
        config.put("timestamp.column.name", "amount");
        Map<String, List<String>> refused = problems(config);
        assertThat(refused).containsOnlyKeys("incrementing.column.name", "timestamp.column.name");
        assertThat(refused.get("incrementing.column.name").get(0)).contains("may repeat");
        execute("CREATE UNIQUE INDEX " + table + "_amount ON " + table + " (amount)");
        assertThat(problems(config)).containsOnlyKeys("timestamp.column.name");
        config.put("table.include.list", "no_such_table_at_all");
        assertThat(problems(config)).containsOnlyKeys("table.include.list");
        config.put("connection.url", "jdbc:cqrs-no-such-driver:x");
        assertThat(problems(config)).containsOnlyKeys("connection.url");
    }

    static Map<String, List<String>> problems(Map<String, String> config) {
        Map<String, List<String>> problems = new java.util.TreeMap<>();
        new JdbcSourceConnector().validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .forEach(value -> problems.put(value.name(), value.errorMessages()));
        return problems;
    }

    /** An expression for one fixed timestamp every row of a test shares. */
    String sharedStamp() {
        return "TIMESTAMP '2024-05-01 10:00:00.123456'";
    }

    void insertNames(String table, String... names) {
        for (String name : names) {
            execute("INSERT INTO " + table + " (name) VALUES ('" + name + "')");
        }
    }

    /** A field's name as the database returned it (some fold unquoted names to upper case). */
    static String field(Captured record, String name) {
        return record.value().schema().fields().stream().map(org.apache.kafka.connect.data.Field::name)
                .filter(each -> each.equalsIgnoreCase(name)).findFirst().orElse(name);
    }
}
