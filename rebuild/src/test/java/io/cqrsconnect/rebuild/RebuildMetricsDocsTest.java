package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.metrics.MetricsDocs;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/** docs/rebuild-metrics.md is generated from the metrics a coordinator task registers, which report its status. */
class RebuildMetricsDocsTest {

    @Test
    void theMetricsReportTheStatusAndMatchTheReference() {
        RebuildStatus status = RebuildStatus.requested("orders", Map.of(), "2026-12-06T10:00:00Z", false)
                .withGenerations(1, 2).withPartitions(List.of(new PartitionProgress("orders", 0, 0, 200, 50, -1)))
                .in(RebuildState.BUILDING).withRate(12.6, 12);
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            new RebuildMetrics(metrics, () -> status);

            assertThat(metrics.value("rebuild-records-done")).isEqualTo(50);
            assertThat(metrics.value("rebuild-records-total")).isEqualTo(200);
            assertThat(metrics.value("rebuild-state")).isEqualTo(RebuildState.BUILDING.ordinal());
            assertThat(metrics.value("rebuild-records-per-second")).isEqualTo(13);
            String page = MetricsDocs.markdown("Rebuild metrics", "Metrics of the task of a rebuild's coordinator "
                    + "connector (`<connector>-rebuild`). " + MetricsDocs.WHERE, metrics);
            GeneratedDocs.check("rebuild-metrics.md", page);
        }
    }
}
