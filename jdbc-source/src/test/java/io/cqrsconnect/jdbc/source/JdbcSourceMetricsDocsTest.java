package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.metrics.MetricsDocs;
import io.cqrsconnect.jdbc.source.config.TaskTables;
import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/jdbc-source-metrics.md is generated from the metrics a task registers once it captures a table, read back
 * with their descriptions from the plugin metrics the worker context hands it; and those metrics count what the
 * task captured.
 */
class JdbcSourceMetricsDocsTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Test
    void theMetricsReferenceMatchesWhatATaskCapturingATableRegisters() throws InterruptedException {
        DATABASE.execute("CREATE TABLE \"orders\" (\"id\" BIGINT PRIMARY KEY, \"changed\" TIMESTAMP NOT NULL)",
                "INSERT INTO \"orders\" VALUES (1, TIMESTAMP '2020-01-01 00:00:00'), "
                        + "(2, TIMESTAMP '2020-01-01 00:00:01'), (3, TIMESTAMP '2020-01-01 00:00:02')");
        JdbcSourceTask task = new JdbcSourceTask();
        RecordingSourceTaskContext context = new RecordingSourceTaskContext();
        task.initialize(context);
        Map<String, String> props = new HashMap<>(Map.of("connection.url", DATABASE.jdbcUrl(),
                "connection.user", DATABASE.user(), "mode", "timestamp", "timestamp.column.name", "changed",
                "topic.prefix", "shop.", "commit.lookback.ms", "10000", "poll.interval.ms", "1"));
        props.put(TaskTables.TASK_TABLES_CONFIG, "orders");
        task.start(props);
        try {
            List<SourceRecord> records = new ArrayList<>();
            for (int polls = 0; polls < 50 && records.size() < 3; polls++) {
                List<SourceRecord> polled = task.poll();
                if (polled != null) {
                    records.addAll(polled);
                }
            }
            assertThat(records).hasSize(3);
            Map<String, String> table = Map.of("table", "orders");
            // the rows came from the table's snapshot; then the capture switches to the timestamp column
            assertThat(context.metrics.value("snapshot-rows-done", table)).isEqualTo(3.0);
            for (int polls = 0; polls < 50 && context.metrics.value("snapshot-running", table) > 0
                    || context.metrics.value("milliseconds-behind-source", table) < 0; polls++) {
                assertThat(task.poll()).as("nothing changed after the snapshot").isNullOrEmpty();
            }
            assertThat(context.metrics.value("snapshot-running", table)).isZero();
            assertThat(context.metrics.value("records-captured-total", table)).isEqualTo(3.0);
            // caught up: what the look-back window (the commit horizon here) still holds back
            assertThat(context.metrics.value("milliseconds-behind-source", table)).isEqualTo(10_000.0);
            assertThat(context.metrics.value("poll-latency-max-ms")).isPositive();

            String page = MetricsDocs.markdown("JDBC source metrics", "Metrics of each task of "
                    + "`io.cqrsconnect.jdbc.source.JdbcSourceConnector`. " + MetricsDocs.WHERE,
                    context.metrics.registered());
            assertThat(page).contains("`records-captured-total`", "`milliseconds-behind-source`",
                    "`poll-latency-avg-ms`");
            GeneratedDocs.check("jdbc-source-metrics.md", page);
        } finally {
            task.stop();
        }
    }
}
