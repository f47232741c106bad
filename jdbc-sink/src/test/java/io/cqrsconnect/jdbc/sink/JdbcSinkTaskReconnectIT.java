package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.PostgresDatabase;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection the server kills between batches is a transient failure: the task reconnects and loses nothing. */
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
        List<Long> ids = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM people ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
