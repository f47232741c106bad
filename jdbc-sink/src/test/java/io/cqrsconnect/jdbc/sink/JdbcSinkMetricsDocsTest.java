package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.metrics.MetricsDocs;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/** docs/jdbc-sink-metrics.md is generated from the metrics a task registers (all in SinkMetrics) and must match. */
class JdbcSinkMetricsDocsTest {

    @Test
    void theMetricsReferenceMatchesWhatATaskRegisters() {
        try (SinkMetrics metrics = new SinkMetrics(TaskMetrics.standalone())) {
            String page = MetricsDocs.markdown("JDBC sink metrics", "Metrics of each task of "
                    + "`io.cqrsconnect.jdbc.sink.JdbcSinkConnector`. " + MetricsDocs.WHERE, metrics.registry());
            assertThat(page).contains("`records-written-total`", "`records-skipped-by-guard-total`",
                    "`flush-latency-max-ms`");
            GeneratedDocs.writeAndCheck("jdbc-sink-metrics.md", page);
        }
    }
}
