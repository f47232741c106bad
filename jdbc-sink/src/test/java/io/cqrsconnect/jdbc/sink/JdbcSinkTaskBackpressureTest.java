package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.testing.db.H2Database;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the database is slow, the task holds the stream back by pausing its partitions, never by blocking the
 * worker's thread: a write held at its commit stands in for a database that takes its time.
 */
class JdbcSinkTaskBackpressureTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("qty", Schema.INT64_SCHEMA).build();
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final JdbcSinkTask task = new JdbcSinkTask((url, properties) ->
            ProxiedConnection.wrap(JdbcConnection.open(url, properties), true, real -> {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));

    @AfterEach
    void stop() {
        release.countDown();
        task.stop();
    }

    @Test
    void aBusyWriterPausesThePartitionsAndACommitReturnsOnlyWhatIsWritten() throws Exception {
        RecordingTaskContext context = start("slow_orders", Map.of(
                "consumer.override.max.poll.interval.ms", "2000")); // preCommit waits at most half of it

        task.put(List.of(record(0, 1), record(1, 2)));
        writing.await();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> task.put(List.of(record(2, 3), record(3, 4))),
                "put must not wait for the database");
        assertThat(context.paused).containsExactly(PARTITION);

        Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(PARTITION, new OffsetAndMetadata(4));
        Map<TopicPartition, OffsetAndMetadata> stuck = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> task.preCommit(consumed), "preCommit waits at most half of max.poll.interval.ms");
        assertThat(stuck).as("nothing is written yet, so nothing may be committed").isEmpty();

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            task.put(List.of()); // the worker keeps calling put while the partitions are paused
            return context.paused.isEmpty();
        });
        assertThat(task.preCommit(consumed)).isEqualTo(consumed);
        assertThat(rows("slow_orders")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(context.metric("backpressure-pauses-total")).isEqualTo(1.0);
    }

    @Test
    void aCommitTheTaskAskedForAnswersWithWhatIsWrittenWithoutWaiting() throws Exception {
        RecordingTaskContext context = start("asked_orders", Map.of("offset.commit.interval.ms", "1",
                "consumer.override.max.poll.interval.ms", "600000")); // a waiting preCommit: up to 5 minutes

        task.put(List.of(record(0, 1), record(1, 2)));
        writing.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            task.put(List.of());
            return context.commitRequests > 0;
        });
        Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(PARTITION, new OffsetAndMetadata(2));
        Map<TopicPartition, OffsetAndMetadata> answered = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> task.preCommit(consumed), "a commit the task asked for does not wait for the writer");
        assertThat(answered).as("nothing is written yet, so nothing may be committed").isEmpty();

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            task.put(List.of()); // the worker calls put again within the interval, records or not
            return consumed.equals(task.preCommit(consumed));
        });
        assertThat(rows("asked_orders")).containsExactly(1L, 2L);
    }

    /** Starts the task writing {@code table} in batches of two rows, with {@code settings} on top. */
    private RecordingTaskContext start(String table, Map<String, String> settings) {
        RecordingTaskContext context = new RecordingTaskContext(false);
        context.assigned.add(PARTITION);
        task.initialize(context);
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("table.name.format", table);
        config.put("batch.size", "2");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        task.start(config);
        return context;
    }

    private static SinkRecord record(long offset, long id) {
        return new SinkRecord("orders", 0, null, null, VALUE, new Struct(VALUE).put("id", id).put("qty", id * 10),
                offset);
    }

    private static List<Long> rows(String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT \"id\" FROM \"" + table + "\" ORDER BY 1")) {
            while (result.next()) {
                ids.add(result.getLong(1));
            }
        }
        return ids;
    }
}
