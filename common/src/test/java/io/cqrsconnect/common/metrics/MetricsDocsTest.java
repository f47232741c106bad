package io.cqrsconnect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
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

    @Test
    void listsMetricsReadBackFromWhereATaskRegisteredThem() {
        List<MetricName> names = List.of(new MetricName("rows-written-total", "cqrs-connect", "Total rows", Map.of()),
                new MetricName("flush-max-ms", "cqrs-connect", "Maximum flush time", Map.of()));

        assertThat(MetricsDocs.markdown("Sink metrics", "", names)).endsWith("|---|---|\n"
                + "| `rows-written-total` | Total rows |\n| `flush-max-ms` | Maximum flush time |\n");
    }

    @Test
    void listsAMetricKeptPerTableOnceWithTheTagsThatTellItsCopiesApart() {
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            metrics.counter("records-captured", "records captured", Map.of("table", "public.a"));
            metrics.counter("records-captured", "records captured", Map.of("table", "public.b")).increment(3);
            metrics.gauge("lag", "Lag", Map.of("table", "public.b", "connector", "c"), () -> 7);

            String page = MetricsDocs.markdown("Source metrics", "", metrics);

            assertThat(page).endsWith("|---|---|\n"
                    + "| `records-captured-total` | Total records captured (one per `table`) |\n"
                    + "| `records-captured-rate` | Per-second rate of records captured (one per `table`) |\n"
                    + "| `lag` | Lag (one per `table`) |\n");
            assertThat(metrics.value("records-captured-total", Map.of("table", "public.b"))).isEqualTo(3.0);
            assertThat(metrics.value("records-captured-total", Map.of("table", "public.a"))).isZero();
        }
    }
}
