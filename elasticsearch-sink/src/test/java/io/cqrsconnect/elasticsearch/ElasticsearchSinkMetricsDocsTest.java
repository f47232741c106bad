package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.flow.Backpressure;
import io.cqrsconnect.common.flow.PutTimeout;
import io.cqrsconnect.common.metrics.MetricsDocs;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.elasticsearch.bulk.WriteCounters;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/**
 * docs/elasticsearch-sink-metrics.md is generated from the metrics a task registers and must match them. A task
 * registers its metrics in two places, both built here as the task builds them: the write counters and the
 * backpressure.
 */
class ElasticsearchSinkMetricsDocsTest {

    @Test
    void theMetricsReferenceMatchesWhatATaskRegisters() {
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            new WriteCounters(metrics);
            new Backpressure(null, new PutTimeout(ms -> { }), () -> false, () -> true, metrics,
                    "its bulk requests were all busy");
            metrics.gauge("bulk-requests-outstanding", "Bulk requests sent or waiting to be sent", () -> 0);
            String page = MetricsDocs.markdown("Elasticsearch sink metrics", "Metrics of each task of "
                    + "`io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector`. " + MetricsDocs.WHERE, metrics);
            assertThat(page).contains("`documents-indexed-total`", "`version-conflicts-total`",
                    "`bulk-request-avg-ms`", "`bulk-requests-outstanding`", "`backpressure-pauses-total`");
            GeneratedDocs.check("elasticsearch-sink-metrics.md", page);
        }
    }
}
