package io.cqrsconnect.jdbc.source.capture;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What every task of this source does when it starts, once: parse its configuration, find its dialect, and read the
 * stored offsets of its partitions in one call. Change it when a task needs more at start; what differs per mode
 * stays in the task.
 *
 * @param config the task's configuration
 * @param dialect the database's source dialect
 */
public record TaskStart(JdbcSourceConnectorConfig config, SourceDialect dialect) {

    /** Parses a task's properties and finds its dialect; a bad value fails the task, naming the key. */
    public static TaskStart of(Map<String, String> props) {
        JdbcSourceConnectorConfig config;
        try {
            config = new JdbcSourceConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException("Invalid JDBC source configuration: " + e.getMessage(), e);
        }
        return new TaskStart(config, Dialects.find(config.connectionUrl(), config.dialectName(),
                JdbcSourceConnectorConfig.DIALECT_NAME_CONFIG, SourceDialect.class));
    }

    /** The stored offset of each partition that has one, keyed by the partition (its values as text). */
    public static Map<Map<String, String>, Map<String, Object>> offsets(OffsetStorageReader reader,
                                                                         List<Map<String, String>> partitions) {
        Map<Map<String, String>, Map<String, Object>> offsets = new HashMap<>();
        reader.offsets(partitions).forEach((partition, offset) -> {
            if (offset != null) {
                Map<String, String> key = new HashMap<>();
                partition.forEach((name, value) -> key.put(name, String.valueOf(value)));
                offsets.put(key, offset);
            }
        });
        return offsets;
    }
}
