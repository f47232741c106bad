package io.cqrsconnect.jdbc.sink;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.testing.db.PostgresDatabase;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection the server kills is a transient failure: the task reconnects and loses nothing, whether the kill comes
 * between batches or in the middle of isolating a rejected row.
 */
class JdbcSinkTaskReconnectIT {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA).build();

    private static SinkRecord record(long id) {
        return new SinkRecord("people", 0, KEY, new Struct(KEY).put("id", id), VALUE,
                new Struct(VALUE).put("id", id).put("name", "p" + id), id);
    }

    @Test
    void reconnectsAfterTheServerEndsTheConnectionAndWritesTheWholeBatch() throws SQLException {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(new RecordingTaskContext(false));
        task.start(Map.of("connection.url", DATABASE.jdbcUrl(), "connection.user", DATABASE.user(),
                "connection.password", DATABASE.password(), "table.name.format", "people",
                "retry.backoff.ms", "10", "retry.backoff.max.ms", "50"));
        try {
            task.put(List.of(record(1), record(2)));
            task.preCommit(Map.of()); // the first batch is written: the writer's connection is open and idle
            DATABASE.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            task.put(List.of(record(3), record(4), record(5)));
            task.preCommit(Map.of());
        } finally {
            task.stop();
        }
        assertThat(ids("people")).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    /**
     * On a database without savepoints (a proxy's metadata denies them: PostgreSQL has them) each row is its own
     * transaction. Row 1 commits, row 2 is rejected and rolled back, and the server kills the connection as row 3
     * commits: the retry writes 3 and 4 with the offsets, and must still report 2, once, and not write 1 again.
     * Plain inserts into a table without a key, so a row written twice shows as two rows.
     */
    @Test
    void withoutSavepointsARowRejectedBeforeTheConnectionIsKilledIsReportedOnceAndNoRowIsWrittenTwice()
            throws SQLException {
        DATABASE.execute("CREATE TABLE rejected_then_killed (id BIGINT NOT NULL, name TEXT NOT NULL)");
        AtomicBoolean killed = new AtomicBoolean();
        JdbcSinkTask task = new JdbcSinkTask((url, properties) -> ProxiedConnection.wrap(
                JdbcConnection.open(url, properties), false, real -> {
                    if (!killed.get() && holds(real, "rejected_then_killed", 3)) {
                        killed.set(true);
                        killOwnBackend(real);
                    }
                }));
        RecordingTaskContext context = new RecordingTaskContext(true);
        task.initialize(context);
        Map<String, String> config = new HashMap<>();
        config.put("name", "rejected-then-killed");
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("connection.password", DATABASE.password());
        config.put("table.name.format", "rejected_then_killed");
        config.put("insert.mode", "insert");
        config.put("auto.evolve", "false"); // keep NOT NULL: the database judges the row
        config.put("exactly.once.enabled", "true");
        config.put("batch.size", "100");
        config.put("retry.backoff.ms", "10");
        config.put("retry.backoff.max.ms", "50");
        task.start(config);
        try {
            task.put(List.of(named(0, 1, "p1"), named(1, 2, null), named(2, 3, "p3"), named(3, 4, "p4")));
            task.preCommit(Map.of());
        } finally {
            task.stop();
        }

        assertThat(killed).as("the server killed the connection in the middle of the write").isTrue();
        assertThat(ids("rejected_then_killed")).as("every good row, once").containsExactly(1L, 3L, 4L);
        assertThat(context.deadLetters).as("the rejected row, reported once").extracting(SinkRecord::kafkaOffset)
                .containsExactly(1L);
        assertThat(context.reasons.get(0).getMessage()).contains("topic 'people' partition 0 offset 1")
                .contains("field 'name'");
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet offsets = statement.executeQuery("SELECT next_offset FROM cqrs_connect_offsets "
                     + "WHERE connector = 'rejected-then-killed' AND kafka_topic = 'people' AND kafka_partition = 0")) {
            assertThat(offsets.next()).as("the offsets were stored").isTrue();
            assertThat(offsets.getLong(1)).isEqualTo(4L);
        }
    }

    private static final Schema OPTIONAL_NAME = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

    private static SinkRecord named(long offset, long id, String name) {
        return new SinkRecord("people", 0, KEY, new Struct(KEY).put("id", id), OPTIONAL_NAME,
                new Struct(OPTIONAL_NAME).put("id", id).put("name", name), offset);
    }

    private static boolean holds(Connection connection, String table, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** Has the server end {@code connection}'s backend, as an operator would, and waits until it is gone. */
    private static void killOwnBackend(Connection connection) throws SQLException {
        int pid;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            pid = result.getInt(1);
        }
        DATABASE.execute("SELECT pg_terminate_backend(" + pid + ")");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection observer = DATABASE.connect(); PreparedStatement statement = observer.prepareStatement(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?")) {
                statement.setInt(1, pid);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getLong(1) == 0;
                }
            }
        });
    }

    private static List<Long> ids(String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
