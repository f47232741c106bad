package io.cqrsconnect.rebuild;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last status of every rebuild, kept by one consumer of the status topic ({@link StatusLog}) for a reader that
 * asks often: each call reads what was written since the one before, up to the topic's end at the time of the call,
 * so an answer is never older than the request. The REST extension answers every {@code GET /read-models} from one.
 *
 * <p>Thread-safe: calls are serialized, as one consumer must be used by one thread at a time.
 */
public final class StatusView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusView.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final Map<String, RebuildStatus> latest = new HashMap<>();
    private KafkaConsumer<String, String> consumer;
    private List<TopicPartition> partitions = List.of();

    /** @param clientProperties Kafka client settings: at least {@code bootstrap.servers} */
    public StatusView(String topic, Map<String, Object> clientProperties) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** The last status of every connector that was ever rebuilt, as of now. */
    public synchronized Map<String, RebuildStatus> readAll() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // a consumer that failed (the broker went away, say) may hold a position that is no longer valid
            closeConsumer();
            throw e;
        }
        return Map.copyOf(latest);
    }

    /** The last status of one connector's rebuild, if it was ever rebuilt. */
    public Optional<RebuildStatus> read(String connector) {
        return Optional.ofNullable(readAll().get(connector));
    }

    private void catchUp() {
        if (consumer == null) {
            Properties properties = new Properties();
            properties.putAll(clientProperties);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
            latest.clear();
            partitions = List.of();
        }
        if (partitions.isEmpty()) {
            // none until the first rebuild (or the extension) creates the topic
            partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    parse(record).ifPresent(status -> latest.put(record.key(), status));
                }
            }
        }
    }

    /** A status record's status; one that does not read is logged and left out, and the others still count. */
    private Optional<RebuildStatus> parse(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(StatusLog.JSON.readValue(record.value(), RebuildStatus.class));
        } catch (JsonProcessingException e) {
            LOG.warn("Skipping the record at partition {} offset {} of the rebuild status topic '{}' (key '{}'): it "
                    + "is not a rebuild status ({}). Only rebuild coordinators should write to this topic.",
                    record.partition(), record.offset(), topic, record.key(), e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the rebuild status consumer failed", e);
            }
            consumer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConsumer();
    }
}
