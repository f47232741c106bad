package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.testing.connect.ConnectCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * Snapshots ({@code snapshot.mode=initial}) in a real Connect cluster, once per database: a table too big for one
 * chunk is stopped mid-snapshot, changed, and resumed after its last committed chunk (not from the start); every row
 * arrives and every change made meanwhile is reflected at the end; with exactly-once support every row arrives once.
 */
abstract class SnapshotContract extends SourceClusterSupport {

    /** Enough rows that a stop lands mid-snapshot (the offset checked says it did). */
    static final int ROWS = 20_000;
    static final int CHUNK = 5;
    /** Exactly-once commits a transaction per poll: bigger chunks keep the test quick. */
    static final int EOS_CHUNK = 50;
    /** The table the signal test snapshots twice: big enough that the other table's row arrives meanwhile. */
    static final int SIGNAL_ROWS = ROWS;

    /** A timestamp column type with microseconds, and its default: the database's clock on every insert. */
    abstract String stampedColumn();

    /** The database's clock, as an expression. */
    abstract String clock();

    /**
     * A table of {@link #ROWS} rows, ids 1 to ROWS, stamped long ago (rows written just before the snapshot may be
     * read again after it, since the commit horizon trails the clock: not what these tests count); every 1000th has
     * no timestamp (only a snapshot sees it).
     */
    void createFilledTable(String table) throws SQLException {
        createFilledTable(table, ROWS);
    }

    void createFilledTable(String table, int count) throws SQLException {
        execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20), updated_at "
                + stampedColumn() + ")");
        try (Connection connection = database().connect();
             PreparedStatement stamped = connection.prepareStatement("INSERT INTO " + table
                     + " (id, name, updated_at) VALUES (?, ?, '2020-01-01 00:00:00')");
             PreparedStatement unstamped = connection.prepareStatement("INSERT INTO " + table
                     + " (id, name, updated_at) VALUES (?, ?, NULL)")) {
            connection.setAutoCommit(false); // a commit per row costs SQLite a sync of its file each
            for (int id = 1; id <= count; id++) {
                PreparedStatement insert = id % 1000 == 0 ? unstamped : stamped;
                insert.setInt(1, id);
                insert.setString(2, "row" + id);
                insert.addBatch();
                if (id % 1000 == 0 || id == count) {
                    stamped.executeBatch();
                    unstamped.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    Map<String, String> snapshotConfig(String prefix, String table, String mode, int chunk) {
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "updated_at");
        config.put("table.include.list", table);
        config.put("batch.max.rows", String.valueOf(chunk));
        return config;
    }

    /** Stops a connector once its topic holds some records, and checks its offset is in the middle of a snapshot. */
    int stopMidSnapshot(ConnectCluster on, String connector, String topic) throws Exception {
        await().atMost(TIMEOUT).until(() -> read(on, topic, false).size() >= 200);
        on.connect().stopConnector(connector);
        on.connect().assertions().assertConnectorIsStopped(connector, "the source did not stop");
        Map<String, ?> offset = on.connect().connectorOffsets(connector).offsets().get(0).offset();
        assertThat(offset.keySet()).as("stopped mid-snapshot").anyMatch(key -> key.startsWith("snapshot.after."));
        return read(on, topic, false).size();
    }

    @Test
    void aTimestampSnapshotResumesAfterARestartAndLosesNothingChangedMeanwhile() throws Exception {
        String table = table("snap_ts");
        createFilledTable(table);
        String prefix = prefix("snap-ts");
        String topic = topic(prefix, table);
        String connector = start("snap-ts", snapshotConfig(prefix, table, "timestamp_incrementing", CHUNK));
        int before = stopMidSnapshot(cluster, connector, topic);

        execute("UPDATE " + table + " SET name = 'early', updated_at = " + clock() + " WHERE id = 1",
                "UPDATE " + table + " SET name = 'late', updated_at = " + clock() + " WHERE id = " + (ROWS - 1),
                "INSERT INTO " + table + " (id, name) VALUES (" + (ROWS + 1) + ", 'new')");
        cluster.connect().resumeConnector(connector);

        List<Captured> records = await().atMost(TIMEOUT).until(() -> readAll(topic),
                all -> latestNames(all).size() == ROWS + 1 && "early".equals(latestNames(all).get(1L))
                        && "late".equals(latestNames(all).get((long) ROWS - 1)));
        assertThat(latestNames(records)).containsEntry((long) ROWS + 1, "new").containsEntry(1000L, "row1000");
        // Resumed after the last committed chunk, not from the start: the rows read twice are the few in flight
        // at the stop, plus the rows changed meanwhile.
        int again = records.size() - (ROWS + 1);
        assertThat(again).as("rows read again of %s read before the stop", before).isLessThan(before / 2);
    }

    @Test
    void aChangelogSnapshotEmitsTheRowsPresentBeforeTheInstallThenEveryChangeMadeDuringIt() throws Exception {
        String table = table("snap_cl");
        createFilledTable(table);
        String prefix = prefix("snap-cl");
        String topic = topic(prefix, table);
        Map<String, String> config = snapshotConfig(prefix, table, "changelog", CHUNK);
        config.put("output.format", "envelope");
        String connector = start("snap-cl", config);
        int before = stopMidSnapshot(cluster, connector, topic);

        execute("UPDATE " + table + " SET name = 'early' WHERE id = 1",
                "UPDATE " + table + " SET name = 'late' WHERE id = " + (ROWS - 1),
                "DELETE FROM " + table + " WHERE id = 2", "DELETE FROM " + table + " WHERE id = " + (ROWS - 2),
                "INSERT INTO " + table + " (id, name) VALUES (" + (ROWS + 1) + ", 'new')");
        cluster.connect().resumeConnector(connector);

        Map<Long, String> expected = tableNames(table);
        List<Captured> records = await().atMost(TIMEOUT).until(() -> readAll(topic),
                all -> latestNames(all).equals(expected));
        List<Captured> events = records.stream().filter(record -> record.value() != null).toList();
        assertThat(events.get(0).value().getString("op")).isEqualTo("r");
        assertThat(events.get(0).value().getStruct("source").getString("snapshot")).isEqualTo("true");
        assertThat(events).filteredOn(record -> "last".equals(record.value().getStruct("source")
                .getString("snapshot"))).hasSize(1);
        assertThat(events).extracting(record -> record.value().getString("op")).contains("u", "d", "c");
        assertThat(records.size() - expected.size()).as("records beyond one per row, %s before the stop", before)
                .isLessThan(before / 2);
    }

    @Test
    void withExactlyOnceARestartMidSnapshotDeliversEveryRowOnce() throws Exception {
        ConnectCluster eos = ExactlyOnceConnectCluster.get();
        String table = table("snap_eos");
        createFilledTable(table);
        String prefix = prefix("snap-eos");
        String topic = topic(prefix, table);
        Map<String, String> config = snapshotConfig(prefix, table, "timestamp_incrementing", EOS_CHUNK);
        config.put("exactly.once.support", "required");
        String connector = "snap-eos-" + SEQUENCE.incrementAndGet();
        eos.connect().configureConnector(connector, config);
        try {
            eos.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning(connector, 1,
                    "the JDBC source did not start with exactly-once support");
            stopMidSnapshot(eos, connector, topic);
            eos.connect().resumeConnector(connector);

            List<Captured> records = await().atMost(TIMEOUT).until(() -> read(eos, topic, true),
                    all -> all.size() >= ROWS);
            assertThat(ids(records)).doesNotHaveDuplicates().hasSize(ROWS);
            assertThat(new HashSet<>(ids(records))).containsAll(allIds());
        } finally {
            eos.connect().deleteConnector(connector);
        }
    }

    @Test
    void aSignalSnapshotsOneTableAgainWhileTheOtherStreamsAndRunsOnceAcrossRestarts() throws Exception {
        String big = table("snap_sig_big");
        createFilledTable(big, SIGNAL_ROWS);
        String small = table("snap_sig_small");
        execute("CREATE TABLE " + small + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20), updated_at "
                + stampedColumn() + ")", "INSERT INTO " + small + " (id, name, updated_at) VALUES (1, 'first', '2020-01-01 00:00:00')");
        String signals = table("snap_signals");
        execute("CREATE TABLE " + signals + " (id VARCHAR(64) NOT NULL PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                + "data VARCHAR(2048))");
        String prefix = prefix("snap-sig");
        Map<String, String> config = snapshotConfig(prefix, big + "," + small, "timestamp_incrementing", CHUNK);
        config.put("signal.data.collection", signals);
        // The other table's new row must get through while the big table is re-read, which takes about a second on
        // SQLite and H2: no look-back window there (PG and MariaDB ignore it; one writer here) and a short poll.
        config.put("commit.lookback.ms", "0");
        config.put("poll.interval.ms", "10");
        assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();
        String connector = start("snap-sig", config);
        String bigTopic = topic(prefix, big);
        String smallTopic = topic(prefix, small);
        awaitRecords(smallTopic, 1);
        await().atMost(TIMEOUT).until(() -> readAll(bigTopic).size() >= SIGNAL_ROWS);

        execute("INSERT INTO " + signals + " VALUES ('resnap-1', 'execute-snapshot', "
                + "'{\"data-collections\": [\"" + big + "\"], \"type\": \"incremental\"}')");
        // the end offset, not the records read back: decoding them all takes about as long as SQLite's and H2's
        // re-snapshot of the table, and the other table's row must be written while it runs
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> endOffset(bigTopic) > SIGNAL_ROWS);
        execute("INSERT INTO " + small + " (id, name) VALUES (2, 'during')");

        List<ConsumerRecord<byte[], byte[]>> bigRecords = await().atMost(TIMEOUT)
                .until(() -> raw(bigTopic), all -> all.size() >= 2 * SIGNAL_ROWS);
        assertThat(bigRecords).hasSize(2 * SIGNAL_ROWS);
        List<ConsumerRecord<byte[], byte[]>> smallRecords = raw(smallTopic);
        assertThat(smallRecords).hasSize(2);
        assertThat(smallRecords.get(1).timestamp()).as("the other table's row arrived during the snapshot")
                .isLessThanOrEqualTo(bigRecords.get(bigRecords.size() - 1).timestamp());

        // Restarted, the task finds the signal still in its table, and does not run it again: the next row of
        // the big table follows at once (a second snapshot would come first, and the table's stream waits for it).
        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the source did not stop");
        cluster.connect().resumeConnector(connector);
        execute("INSERT INTO " + big + " (id, name) VALUES (" + (SIGNAL_ROWS + 1) + ", 'after')");
        List<Captured> after = await().atMost(TIMEOUT).until(() -> readAll(bigTopic),
                all -> latestNames(all).containsKey((long) SIGNAL_ROWS + 1));
        assertThat(after).hasSize(2 * SIGNAL_ROWS + 1);
    }

    long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = cluster.kafka().createAdminClient()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    List<ConsumerRecord<byte[], byte[]>> raw(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        cluster.kafka().consumeAll(Duration.ofSeconds(10).toMillis(), topic).forEach(records::add);
        return records;
    }

    private static Set<Long> allIds() {
        Set<Long> ids = new HashSet<>();
        for (long id = 1; id <= ROWS; id++) {
            ids.add(id);
        }
        return ids;
    }

    /** Each key's latest name: the last record's after image (or row); a delete or tombstone removes the key. */
    static Map<Long, String> latestNames(List<Captured> records) {
        Map<Long, String> names = new HashMap<>();
        for (Captured record : records) {
            long id = ((Number) record.key().get(named(record.key(), "id"))).longValue();
            Struct row = record.value() == null ? null
                    : record.value().schema().field("after") != null ? record.value().getStruct("after")
                    : record.value();
            if (row == null) {
                names.remove(id);
            } else {
                names.put(id, row.getString(named(row, "name")));
            }
        }
        return names;
    }

    /** A field's name as the database returned it (H2 folds unquoted names to upper case). */
    private static String named(Struct struct, String name) {
        return struct.schema().fields().stream().map(org.apache.kafka.connect.data.Field::name)
                .filter(each -> each.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    Map<Long, String> tableNames(String table) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, name FROM " + table)) {
            while (rows.next()) {
                names.put(rows.getLong(1), rows.getString(2));
            }
        }
        return names;
    }

    /** Every record a topic of {@code on} holds now; with {@code committed}, only those of committed transactions. */
    static List<Captured> read(ConnectCluster on, String topic, boolean committed) throws Exception {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        List<Captured> records = new ArrayList<>();
        try (var admin = on.kafka().createAdminClient()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return records;
            }
        }
        Map<String, Object> consumer = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committed ? "read_committed" : "read_uncommitted");
        for (ConsumerRecord<byte[], byte[]> record : on.kafka().consumeAll(Duration.ofSeconds(10).toMillis(),
                consumer, null, topic)) {
            SchemaAndValue key = keys.toConnectData(topic, record.key());
            SchemaAndValue value = values.toConnectData(topic, record.value());
            records.add(new Captured((Struct) key.value(), (Struct) value.value()));
        }
        return records;
    }
}
