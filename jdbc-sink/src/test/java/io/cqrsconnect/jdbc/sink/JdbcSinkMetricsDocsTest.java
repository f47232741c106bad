package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.cqrsconnect.common.metrics.MetricsDocs;
import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/jdbc-sink-metrics.md is generated from the metrics a started task registers (its write counters and its
 * backpressure) and must match them: they are read back, with their descriptions, from the plugin metrics the test's
 * worker context hands the task, as a worker's reporters see them.
 */
class JdbcSinkMetricsDocsTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Test
    void theMetricsReferenceMatchesWhatATaskRegisters() {
        JdbcSinkTask task = new JdbcSinkTask();
        RecordingTaskContext context = new RecordingTaskContext(false);
        task.initialize(context);
        task.start(Map.of("connection.url", DATABASE.jdbcUrl(), "connection.user", DATABASE.user()));
        try {
            String page = MetricsDocs.markdown("JDBC sink metrics", "Metrics of each task of "
                    + "`io.cqrsconnect.jdbc.sink.JdbcSinkConnector`. " + MetricsDocs.WHERE, context.registeredMetrics());
            assertThat(page).contains("`records-written-total`", "`records-skipped-by-guard-total`",
                    "`flush-latency-max-ms`", "`backpressure-pauses-total`");
            GeneratedDocs.check("jdbc-sink-metrics.md", page);
        } finally {
            task.stop();
        }
    }
}
