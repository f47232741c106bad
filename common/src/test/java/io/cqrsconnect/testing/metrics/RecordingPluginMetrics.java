package io.cqrsconnect.testing.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

/**
 * The plugin metrics (KIP-877) a worker hands a task, for tests that drive a task directly: they register into a
 * worker-like registry tagged with a connector and task, remember the order the task asked for them (the registry
 * keeps none), and read back as the worker's reporters would.
 */
public final class RecordingPluginMetrics implements PluginMetrics {

    private final Metrics metrics = new Metrics();
    private final PluginMetrics worker = new PluginMetricsImpl(metrics, Map.of("connector", "test", "task", "0"));
    private final List<MetricName> named = new CopyOnWriteArrayList<>();

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
        MetricName metricName = worker.metricName(name, description, tags);
        named.add(metricName);
        return metricName;
    }

    @Override
    public void addMetric(MetricName metricName, MetricValueProvider<?> valueProvider) {
        worker.addMetric(metricName, valueProvider);
    }

    @Override
    public void removeMetric(MetricName metricName) {
        worker.removeMetric(metricName);
    }

    @Override
    public Sensor addSensor(String name) {
        return worker.addSensor(name);
    }

    @Override
    public void removeSensor(String name) {
        worker.removeSensor(name);
    }

    /** The current value of a metric the task registered (the first of that name), as reporters read it. */
    public double value(String name) {
        return value(name, Map.of());
    }

    /** The current value of the metric of that name whose tags include {@code tags}. */
    public double value(String name, Map<String, String> tags) {
        return metrics.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(name)
                        && metric.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .map(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).findFirst()
                .orElseThrow(() -> new AssertionError("the task registered no metric " + name + " " + tags));
    }

    /** The metrics the task registered and still holds, in the order it registered them, with descriptions. */
    public List<MetricName> registered() {
        return named.stream().filter(name -> metrics.metrics().containsKey(name)).toList();
    }
}
