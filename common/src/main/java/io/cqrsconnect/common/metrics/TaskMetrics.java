package io.cqrsconnect.common.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * A task's own metrics, registered through the worker's plugin metrics (KIP-877), so they appear in JMX and in any
 * metrics reporter next to the worker's task metrics, tagged with the connector and task. On a worker that does not
 * offer plugin metrics the same counters are kept in a private registry: the task code does not care which.
 */
public final class TaskMetrics implements AutoCloseable {

    /** A count that only grows: records written, version conflicts. Exposes a total and a per-second rate. */
    public interface Counter {
        void increment(long by);

        default void increment() {
            increment(1);
        }
    }

    /** Durations of an operation, e.g. a flush: exposes the average and the maximum in milliseconds. */
    public interface Latency {
        void record(long nanos);
    }

    private final PluginMetrics pluginMetrics;
    private final Metrics fallback;
    private final List<String> sensors = new ArrayList<>();
    private final List<MetricName> gauges = new ArrayList<>();
    /** Every metric registered, in order, for the generated reference ({@link MetricsDocs}). */
    private final List<MetricName> registered = new ArrayList<>();

    private TaskMetrics(PluginMetrics pluginMetrics, Metrics fallback) {
        this.pluginMetrics = pluginMetrics;
        this.fallback = fallback;
    }

    /** The metrics of a sink task, through the worker when it offers plugin metrics. */
    public static TaskMetrics of(SinkTaskContext context) {
        return of(() -> context.pluginMetrics()); // a lambda, so a worker without the method fails inside of()
    }

    /** The metrics of a source task, through the worker when it offers plugin metrics. */
    public static TaskMetrics of(SourceTaskContext context) {
        return of(() -> context.pluginMetrics()); // a lambda, so a worker without the method fails inside of()
    }

    /** The metrics of a task the worker hands these plugin metrics. */
    static TaskMetrics of(PluginMetrics worker) {
        return new TaskMetrics(worker, null);
    }

    /** Through the worker's plugin metrics, or kept in this process when the worker predates them (KIP-877). */
    private static TaskMetrics of(Supplier<PluginMetrics> worker) {
        PluginMetrics metrics;
        try {
            metrics = worker.get();
        } catch (NoSuchMethodError | UnsupportedOperationException e) {
            metrics = null;
        }
        return metrics == null ? new TaskMetrics(null, new Metrics()) : new TaskMetrics(metrics, null);
    }

    /** Metrics kept in this process only, for code running outside a worker (tests, tools). */
    public static TaskMetrics standalone() {
        return new TaskMetrics(null, new Metrics());
    }

    /** A counter exposed as {@code <name>-total} and {@code <name>-rate}. */
    public Counter counter(String name, String description) {
        return counter(name, description, Map.of());
    }

    /**
     * A counter of one part of the task's work, such as one table: the same names as {@link #counter(String, String)},
     * told apart by {@code tags} (e.g. {@code table=public.orders}), which monitoring tools group by.
     */
    public Counter counter(String name, String description, Map<String, String> tags) {
        Sensor sensor = sensor(name, tags);
        sensor.add(metricName(name + "-total", "Total " + description, tags), new CumulativeSum());
        sensor.add(metricName(name + "-rate", "Per-second rate of " + description, tags),
                new Rate(TimeUnit.SECONDS));
        return sensor::record;
    }

    /** A latency exposed as {@code <name>-avg-ms} and {@code <name>-max-ms}. */
    public Latency latency(String name, String description) {
        Sensor sensor = sensor(name, Map.of());
        sensor.add(metricName(name + "-avg-ms", "Average " + description + " in milliseconds", Map.of()),
                new Avg());
        sensor.add(metricName(name + "-max-ms", "Maximum " + description + " in milliseconds", Map.of()),
                new Max());
        return nanos -> sensor.record(nanos / 1_000_000.0);
    }

    /**
     * A value read when a reporter asks, exposed as {@code <name>}: a state rather than a count, such as requests in
     * flight. {@code value} is called from the reporter's thread, so it must be thread-safe.
     */
    public void gauge(String name, String description, LongSupplier value) {
        gauge(name, description, Map.of(), value);
    }

    /** A gauge of one part of the task's work, told apart by {@code tags} ({@link #counter(String, String, Map)}). */
    public void gauge(String name, String description, Map<String, String> tags, LongSupplier value) {
        MetricName metricName = metricName(name, description, tags);
        Measurable measurable = (config, now) -> value.getAsLong();
        if (pluginMetrics != null) {
            pluginMetrics.addMetric(metricName, measurable);
        } else {
            fallback.addMetric(metricName, measurable);
        }
        gauges.add(metricName);
    }

    /** The current value of a metric by its full name (e.g. {@code records-written-total}), for tests and logs. */
    public double value(String metricName) {
        return value(metricName, Map.of());
    }

    /** The current value of a tagged metric ({@link #counter(String, String, Map)}), for tests and logs. */
    public double value(String metricName, Map<String, String> tags) {
        if (fallback == null) {
            throw new IllegalStateException("metrics registered with the worker are read through its reporters");
        }
        var metric = fallback.metric(fallback.metricName(metricName, "cqrs-connect", tags));
        if (metric == null) {
            throw new IllegalArgumentException("no metric " + metricName);
        }
        return ((Number) metric.metricValue()).doubleValue();
    }

    /**
     * The worker keeps one sensor registry for every plugin it runs, and plugin metrics do not set sensors apart: a
     * sensor's name carries the tags the worker puts on the task's metrics (connector, task) and the metric's own,
     * or two tasks of one worker would record into each other's sensor.
     */
    private Sensor sensor(String name, Map<String, String> tags) {
        String unique;
        if (pluginMetrics != null) {
            unique = name + new TreeMap<>(pluginMetrics.metricName(name, "", new LinkedHashMap<>(tags)).tags());
        } else {
            unique = tags.isEmpty() ? name : name + new TreeMap<>(tags);
        }
        sensors.add(unique);
        return pluginMetrics != null ? pluginMetrics.addSensor(unique) : fallback.sensor(unique);
    }

    private MetricName metricName(String name, String description, Map<String, String> tags) {
        MetricName metricName = pluginMetrics != null
                ? pluginMetrics.metricName(name, description, new LinkedHashMap<>(new TreeMap<>(tags)))
                : fallback.metricName(name, "cqrs-connect", description, tags);
        registered.add(metricName);
        return metricName;
    }

    /** The metrics registered so far, in order: names and descriptions, as a monitoring tool lists them. */
    public List<MetricName> registered() {
        return List.copyOf(registered);
    }

    @Override
    public void close() {
        if (pluginMetrics != null) {
            sensors.forEach(pluginMetrics::removeSensor);
            gauges.forEach(pluginMetrics::removeMetric);
        } else {
            fallback.close();
        }
        sensors.clear();
        gauges.clear();
    }
}
