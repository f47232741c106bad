package io.cqrsconnect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskMetricsTest {

    @Test
    void countersAndLatenciesAccumulate() {
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            TaskMetrics.Counter written = metrics.counter("records-written", "records written");
            TaskMetrics.Latency flush = metrics.latency("flush", "flush time");

            written.increment(3);
            written.increment();
            flush.record(2_000_000);
            flush.record(6_000_000);

            assertThat(metrics.value("records-written-total")).isEqualTo(4.0);
            assertThat(metrics.value("flush-avg-ms")).isEqualTo(4.0);
            assertThat(metrics.value("flush-max-ms")).isEqualTo(6.0);
        }
    }
}
