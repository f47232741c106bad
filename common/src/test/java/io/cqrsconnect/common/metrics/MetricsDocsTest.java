package io.cqrsconnect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsDocsTest {

    @Test
    void listsEveryRegisteredMetricInOrderWithItsDescription() {
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            metrics.counter("rows-written", "rows written | upserted");
            metrics.latency("flush", "flush time");
            metrics.gauge("in-flight", "Requests in flight", () -> 0);

            String page = MetricsDocs.markdown("Sink metrics", "Intro.", metrics);

            assertThat(page).startsWith("# Sink metrics\n\nIntro.\n\n");
            assertThat(page).containsSubsequence(
                    "| `rows-written-total` | Total rows written \\| upserted |",
                    "| `rows-written-rate` | Per-second rate of rows written \\| upserted |",
                    "| `flush-avg-ms` | Average flush time in milliseconds |",
                    "| `flush-max-ms` | Maximum flush time in milliseconds |",
                    "| `in-flight` | Requests in flight |");
        }
    }
}
