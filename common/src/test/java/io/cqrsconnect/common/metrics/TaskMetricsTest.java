package io.cqrsconnect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

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

    @Test
    void aGaugeReadsItsValueWhenAsked() {
        try (TaskMetrics metrics = TaskMetrics.standalone()) {
            AtomicLong inFlight = new AtomicLong();
            metrics.gauge("requests-in-flight", "requests in flight", inFlight::get);

            assertThat(metrics.value("requests-in-flight")).isZero();
            inFlight.set(3);
            assertThat(metrics.value("requests-in-flight")).isEqualTo(3.0);
        }
    }
}
