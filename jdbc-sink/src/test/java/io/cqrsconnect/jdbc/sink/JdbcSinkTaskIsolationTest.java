package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.testing.db.H2Database;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows the database rejects, isolated on both of the writer's paths against a real H2 database: behind savepoints,
 * and, through a connection whose metadata denies savepoints ({@link ProxiedConnection}; every tested driver has
 * them), one transaction per row with the offsets in a last one. Also across a transient failure in the middle of
 * the isolation: the retry must neither lose a rejected row nor write a committed row again.
 *
 * <p>The table has no key and the writes are plain inserts, so a row written twice shows as two rows.
 */
class JdbcSinkTaskIsolationTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("qty", Schema.OPTIONAL_INT64_SCHEMA).build();

    private final AtomicBoolean connectionLost = new AtomicBoolean();
    private JdbcSinkTask task;

    @AfterEach
    void stop() {
        task.stop();
    }

    /** A record of id with qty; a null qty is refused by the table's NOT NULL (the schema allows it). */
    private static SinkRecord record(long offset, long id, Long qty) {
        return new SinkRecord("orders", 0, KEY, new Struct(KEY).put("id", id), VALUE,
                new Struct(VALUE).put("id", id).put("qty", qty), offset);
    }

    /** Starts the task in exactly-once mode on {@code table}, its connections wrapped as asked. */
    private RecordingTaskContext start(String table, boolean savepoints, ProxiedConnection.BeforeCommit beforeCommit) {
        DATABASE.execute("CREATE TABLE \"" + table + "\" (\"id\" BIGINT NOT NULL, \"qty\" BIGINT NOT NULL)");
        task = new JdbcSinkTask((url, properties) ->
                ProxiedConnection.wrap(JdbcConnection.open(url, properties), savepoints, beforeCommit));
        RecordingTaskContext context = new RecordingTaskContext(true);
        task.initialize(context);
        Map<String, String> config = new HashMap<>();
        config.put("name", table);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("table.name.format", table);
        config.put("insert.mode", "insert");
        config.put("auto.evolve", "false"); // keep NOT NULL: the database judges the row
        config.put("exactly.once.enabled", "true");
        config.put("batch.size", "100"); // every record in one write
        config.put("retry.backoff.ms", "10");
        config.put("retry.backoff.max.ms", "10");
        task.start(config);
        return context;
    }

    /**
     * Before the first commit of a transaction holding the row {@code id}: the connection is lost, the transaction
     * with it (as a server does), and the commit fails with a connection error, which the dialect calls transient.
     */
    private ProxiedConnection.BeforeCommit loseTheConnectionOnceCommitting(String table, long id) {
        return real -> {
            if (!connectionLost.get() && holds(real, table, id)) {
                connectionLost.set(true);
                real.rollback();
                throw new SQLTransientConnectionException("connection lost (injected by the test)", "08006");
            }
        };
    }

    private static boolean holds(Connection connection, String table, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM \"" + table + "\" WHERE \"id\" = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** Each row as id=qty, once per copy in the table. */
    private static List<String> rows(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT \"id\", \"qty\" FROM \"" + table + "\" ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getLong(1) + "=" + result.getLong(2));
            }
        }
        return rows;
    }

    /** The next offset of orders-0 stored with the rows (exactly-once mode), or null. */
    private static Long storedOffset(String connector) throws SQLException {
        try (Connection connection = DATABASE.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT \"next_offset\" FROM \"cqrs_connect_offsets\" WHERE \"connector\" = ? "
                        + "AND \"kafka_topic\" = 'orders' AND \"kafka_partition\" = 0")) {
            statement.setString(1, connector);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : null;
            }
        }
    }

    @Test
    void withoutSavepointsABadRowIsIsolatedAndTheOthersCommitWithTheOffsets() throws SQLException {
        RecordingTaskContext context = start("no_savepoints", false, ProxiedConnection.BeforeCommit.NOTHING);
        task.put(List.of(record(0, 1, 1L), record(1, 2, null), record(2, 3, 3L)));
        task.preCommit(Map.of());

        assertThat(rows("no_savepoints")).containsExactly("1=1", "3=3");
        assertThat(context.deadLetters).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(context.reasons.get(0).getMessage())
                .contains("topic 'orders' partition 0 offset 1").contains("field 'qty'").contains("no_savepoints");
        assertThat(storedOffset("no_savepoints")).as("the offsets, in the last transaction").isEqualTo(3L);
        assertThat(context.metric("records-written-total")).isEqualTo(2.0);
        assertThat(context.metric("records-dead-lettered-total")).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "savepoints: {0}")
    @ValueSource(booleans = {false, true})
    void aTransientFailureAfterARejectedRowNeitherLosesItNorWritesARowTwice(boolean savepoints) throws SQLException {
        String table = savepoints ? "lost_behind_savepoints" : "lost_in_own_transactions";
        RecordingTaskContext context = start(table, savepoints, loseTheConnectionOnceCommitting(table, 3));
        // without savepoints: 1 commits, 2 is rejected and rolled back, the connection is lost committing 3,
        // and the retry writes what is left (3, 4) with the offsets; with them, all of it rolls back and is redone
        task.put(List.of(record(0, 1, 1L), record(1, 2, null), record(2, 3, 3L), record(3, 4, 4L)));
        task.preCommit(Map.of());

        assertThat(connectionLost).as("the connection was lost in the middle of the write").isTrue();
        assertThat(rows(table)).as("every good row, once").containsExactly("1=1", "3=3", "4=4");
        assertThat(context.deadLetters).as("the rejected row, reported once").extracting(SinkRecord::kafkaOffset)
                .containsExactly(1L);
        assertThat(context.reasons.get(0).getMessage()).contains("offset 1").contains("field 'qty'");
        assertThat(storedOffset(table)).isEqualTo(4L);
        assertThat(context.metric("records-dead-lettered-total")).isEqualTo(1.0);
    }
}
