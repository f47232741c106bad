package io.cqrsconnect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
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

    @Test
    void twoTasksOfOneWorkerKeepTheirOwnCounts() {
        Metrics worker = new Metrics();
        try (TaskMetrics first = TaskMetrics.of(new PluginMetricsImpl(worker, Map.of("connector", "a", "task", "0")));
             TaskMetrics second = TaskMetrics.of(new PluginMetricsImpl(worker, Map.of("connector", "b", "task", "0")))) {
            first.counter("records-captured", "records", Map.of("table", "orders")).increment(3);
            second.counter("records-captured", "records", Map.of("table", "orders")).increment(5);
            first.latency("poll-latency", "poll time").record(2_000_000);
            second.latency("poll-latency", "poll time").record(8_000_000);

            assertThat(workerValue(worker, "records-captured-total", "a")).isEqualTo(3.0);
            assertThat(workerValue(worker, "records-captured-total", "b")).isEqualTo(5.0);
            assertThat(workerValue(worker, "poll-latency-max-ms", "a")).isEqualTo(2.0);
        } finally {
            worker.close();
        }
    }

    private static double workerValue(Metrics worker, String name, String connector) {
        return worker.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(name)
                        && connector.equals(metric.getKey().tags().get("connector")))
                .map(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow();
    }
}
