package io.cqrsconnect.jdbc.source;

import java.util.Collection;
import java.util.Map;

import io.cqrsconnect.testing.metrics.RecordingPluginMetrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The worker's side of a source task for tests that drive a task directly: no stored offsets (a first start), and
 * plugin metrics as a worker offers them.
 */
final class RecordingSourceTaskContext implements SourceTaskContext {

    final RecordingPluginMetrics metrics = new RecordingPluginMetrics();

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return null;
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                return Map.of();
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}
