package io.cqrsconnect.jdbc.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.cqrsconnect.testing.metrics.RecordingPluginMetrics;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The worker's side of a sink task for tests that drive {@link JdbcSinkTask} directly: it records what the task
 * reports to the dead-letter queue (when tolerant) and what it pauses, and offers plugin metrics as a worker does.
 */
final class RecordingTaskContext implements SinkTaskContext {

    final List<SinkRecord> deadLetters = new ArrayList<>();
    final List<Throwable> reasons = new ArrayList<>();
    /** The offsets the task asked the worker to seek to. */
    final Map<TopicPartition, Long> seeks = new java.util.HashMap<>();
    /** The partitions the worker assigned the task (none unless a test says). */
    final Set<TopicPartition> assigned = new java.util.HashSet<>();
    /** The partitions the task holds paused. */
    final Set<TopicPartition> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How often the task asked the worker for a commit. */
    volatile int commitRequests;
    private final boolean tolerant;
    /** The plugin metrics (KIP-877) the worker hands the task. */
    private final RecordingPluginMetrics pluginMetrics = new RecordingPluginMetrics();

    RecordingTaskContext(boolean tolerant) {
        this.tolerant = tolerant;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!tolerant) {
            return null;
        }
        return (record, error) -> {
            deadLetters.add(record);
            reasons.add(error);
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The current value of a metric the task registered, read as the worker's reporters would. */
    double metric(String name) {
        return pluginMetrics.value(name);
    }

    /** The metrics the task registered and still holds, in the order it registered them, with descriptions. */
    List<MetricName> registeredMetrics() {
        return pluginMetrics.registered();
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition partition, long offset) {
        seeks.put(partition, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    @Override
    public void pause(TopicPartition... partitions) {
        paused.addAll(List.of(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
        List.of(partitions).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {
        commitRequests++;
    }
}
