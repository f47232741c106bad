package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.H2Database;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task driven directly against an in-process H2 database: buffering, the writer thread, bad-record isolation,
 * offsets. Writes run on the task's writer thread; {@code preCommit} is where the worker (and these tests) learn
 * that they are done.
 */
class JdbcSinkTaskTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("qty", Schema.INT64_SCHEMA).build();

    private final JdbcSinkTask task = new JdbcSinkTask();

    @AfterEach
    void stop() {
        task.stop();
    }

    private Map<String, String> config(String table) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("table.name.format", table);
        config.put("batch.size", "2");
        return config;
    }

    private static SinkRecord record(long offset, long id, Long qty) {
        Struct key = new Struct(KEY).put("id", id);
        Struct value = qty == null ? null : new Struct(VALUE).put("id", id).put("qty", qty);
        return new SinkRecord("orders", 0, KEY, key, qty == null ? null : VALUE, value, offset);
    }

    private static final Map<TopicPartition, OffsetAndMetadata> NO_OFFSETS = Map.of();

    /** What the worker does: hands records over, then asks which offsets it may commit. */
    private void putAndCommit(List<SinkRecord> records) {
        task.put(records);
        task.preCommit(NO_OFFSETS);
    }

    private List<String> rows(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT \"id\", \"qty\" FROM \"" + table + "\" ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getLong(1) + "=" + result.getLong(2));
            }
        }
        return rows;
    }

    @Test
    void preCommitReturnsOnceEveryBufferIsWritten() throws SQLException {
        RecordingTaskContext context = new RecordingTaskContext(false);
        task.initialize(context);
        task.start(config("task_orders"));
        task.put(List.of(record(0, 1, 10L), record(1, 2, 20L), record(2, 1, 11L), record(3, 3, 30L),
                record(4, 2, null)));

        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(new TopicPartition("orders", 0),
                new OffsetAndMetadata(5));
        assertThat(task.preCommit(offsets)).isEqualTo(offsets);
        assertThat(rows("task_orders")).containsExactly("1=11", "3=30");

        assertThat(context.metric("records-written-total")).as("1 and 2 in the first batch, 1 and 3 next")
                .isEqualTo(4.0);
        assertThat(context.metric("records-deleted-total")).isEqualTo(1.0);
        assertThat(context.metric("batches-total")).isGreaterThanOrEqualTo(2.0);
        assertThat(context.metric("flush-latency-max-ms")).isGreaterThan(0.0);
    }

    @Test
    void isolatesARowTheDatabaseRejectsAndWritesTheOthers() throws SQLException {
        DATABASE.execute("CREATE TABLE \"checked\" (\"id\" BIGINT PRIMARY KEY, \"qty\" BIGINT CHECK (\"qty\" >= 0))");
        RecordingTaskContext context = new RecordingTaskContext(true);
        task.initialize(context);
        Map<String, String> config = config("checked");
        config.put("batch.size", "100");
        task.start(config);
        putAndCommit(List.of(record(0, 1, 1L), record(1, 2, -5L), record(2, 3, 3L)));

        assertThat(rows("checked")).containsExactly("1=1", "3=3");
        assertThat(context.deadLetters).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(context.reasons.get(0).getMessage()).contains("offset 1").contains("checked");
        assertThat(context.metric("records-dead-lettered-total")).isEqualTo(1.0);
    }

    @Test
    void withoutToleranceARejectedRowFailsTheTaskNamingTheRecord() {
        DATABASE.execute("CREATE TABLE \"strict\" (\"id\" BIGINT PRIMARY KEY, \"qty\" BIGINT CHECK (\"qty\" >= 0))");
        task.initialize(new RecordingTaskContext(false));
        task.start(config("strict"));
        assertThatThrownBy(() -> putAndCommit(List.of(record(7, 1, -1L))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic 'orders' partition 0 offset 7")
                .hasMessageContaining("errors.tolerance=all");
        assertThatThrownBy(() -> task.put(List.of(record(8, 2, 2L))))
                .as("the failure stays: the worker's next put fails the task")
                .hasMessageContaining("offset 7");
    }

    @Test
    void widensANumericColumnWhenTheSchemaWidens() throws SQLException {
        task.initialize(new RecordingTaskContext(false));
        task.start(config("widened"));
        Schema narrow = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("qty", Schema.INT32_SCHEMA)
                .build();
        putAndCommit(List.of(new SinkRecord("orders", 0, KEY, new Struct(KEY).put("id", 1L), narrow,
                new Struct(narrow).put("id", 1L).put("qty", 5), 0)));
        putAndCommit(List.of(record(1, 2, 9_000_000_000L)));
        assertThat(rows("widened")).containsExactly("1=5", "2=9000000000");
    }

    @Test
    void aDeleteByAKeyColumnTheTableLacksFailsAndDeletesNothing() throws SQLException {
        DATABASE.execute("CREATE TABLE \"keyed_otherwise\" (\"code\" BIGINT PRIMARY KEY, \"id\" BIGINT, \"qty\" BIGINT)",
                "INSERT INTO \"keyed_otherwise\" VALUES (1, 1, 1), (2, 2, 2)");
        task.initialize(new RecordingTaskContext(false));
        Map<String, String> config = config("keyed_otherwise");
        config.put("field.renames", "id:ident");
        task.start(config);
        assertThatThrownBy(() -> putAndCommit(List.of(record(9, 1, null))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("offset 9").hasMessageContaining("ident").hasMessageContaining("pk.mode");
        assertThat(rows("keyed_otherwise")).containsExactly("1=1", "2=2");
    }

    @Test
    void countsTheUpsertsTheVersionGuardRefuses() throws SQLException {
        RecordingTaskContext context = new RecordingTaskContext(false);
        task.initialize(context);
        Map<String, String> config = config("guarded_counts");
        config.put("version.mode", "field");
        config.put("version.field", "qty");
        task.start(config);
        putAndCommit(List.of(record(0, 1, 5L), record(1, 2, 5L)));
        putAndCommit(List.of(record(2, 1, 3L), record(3, 2, 7L)));
        assertThat(rows("guarded_counts")).containsExactly("1=5", "2=7");
        assertThat(context.metric("records-skipped-by-guard-total")).isEqualTo(1.0);
        assertThat(context.metric("records-written-total")).isEqualTo(3.0);
    }

    @Test
    void aMissingTableWithoutAutoCreateFailsNamingTheSetting() {
        task.initialize(new RecordingTaskContext(false));
        Map<String, String> config = config("never_created");
        config.put("auto.create", "false");
        task.start(config);
        assertThatThrownBy(() -> putAndCommit(List.of(record(0, 1, 1L))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("never_created")
                .hasMessageContaining("auto.create");
    }

    @Test
    void putReturnsWhileTheDatabaseIsBusyAndPreCommitWaitsForIt() throws Exception {
        DATABASE.execute("CREATE TABLE \"busy\" (\"id\" BIGINT PRIMARY KEY, \"qty\" BIGINT)",
                "INSERT INTO \"busy\" VALUES (1, 1)");
        task.initialize(new RecordingTaskContext(false));
        Map<String, String> config = config("busy");
        config.put("connection.url", DATABASE.jdbcUrl() + ";LOCK_TIMEOUT=60000");
        config.put("batch.size", "100"); // below it, rows wait for the writer instead of the writer being waited for
        task.start(config);
        try (Connection locker = DATABASE.connect()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.executeUpdate("UPDATE \"busy\" SET \"qty\" = 2 WHERE \"id\" = 1"); // holds the row lock
            }
            task.put(List.of(record(0, 1, 10L)));
            task.put(List.of(record(1, 2, 20L), record(2, 3, 30L))); // accumulates behind the blocked write
            assertThat(rows("busy")).as("the writer waits for the lock; the task thread does not")
                    .containsExactly("1=1");
            locker.commit();
        }
        task.preCommit(NO_OFFSETS);
        assertThat(rows("busy")).containsExactly("1=10", "2=20", "3=30");
    }

    @Test
    void exactlyOnceCommitsTheGoodRowsAndTheOffsetsTogetherWhenARowIsRejected() throws SQLException {
        DATABASE.execute("CREATE TABLE \"checked_eos\" (\"id\" BIGINT PRIMARY KEY, "
                + "\"qty\" BIGINT CHECK (\"qty\" >= 0))");
        RecordingTaskContext context = new RecordingTaskContext(true);
        task.initialize(context);
        Map<String, String> config = config("checked_eos");
        config.put("batch.size", "100");
        config.put("exactly.once.enabled", "true");
        config.put("name", "eos-isolation");
        task.start(config);
        putAndCommit(List.of(record(0, 1, 1L), record(1, 2, -5L), record(2, 3, 3L)));

        assertThat(rows("checked_eos")).containsExactly("1=1", "3=3");
        assertThat(context.deadLetters).extracting(SinkRecord::kafkaOffset).containsExactly(1L);

        JdbcSinkTask restarted = new JdbcSinkTask();
        RecordingTaskContext restartedContext = new RecordingTaskContext(true);
        restarted.initialize(restartedContext);
        restarted.start(config);
        try {
            restarted.open(List.of(new TopicPartition("orders", 0)));
        } finally {
            restarted.stop();
        }
        assertThat(restartedContext.seeks).as("the offsets committed with the rows, past the rejected one")
                .containsEntry(new TopicPartition("orders", 0), 3L);
    }
}
