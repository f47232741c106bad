package io.cqrsconnect.rebuild;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The rebuilds' state in Kafka: a compacted topic keyed by the live connector's name, one JSON
 * {@link RebuildStatus} per change. A coordinator that restarts on another worker reads its last status back from
 * here, and every worker's REST extension answers from it, so no state lives in one worker's memory.
 *
 * <p>Each status is written synchronously (acknowledged by all in-sync replicas) after the step that made it, so
 * a coordinator restarted after a crash repeats at most the last step, which every step tolerates by being
 * idempotent.
 */
public final class StatusLog implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final Map<String, Object> clientProperties;
    private KafkaProducer<String, String> producer;

    /** @param clientProperties Kafka client settings: at least {@code bootstrap.servers} */
    public StatusLog(String topic, Map<String, Object> clientProperties) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Creates the compacted status topic when it does not exist yet. */
    public void ensureTopic() {
        try (Admin admin = Admin.create(properties(Map.of()))) {
            NewTopic created = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(created)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new RetriableException("could not create the rebuild status topic '" + topic + "': "
                        + e.getCause().getMessage() + ". Create it (compacted) or check rebuild.kafka.*.", e);
            }
        } catch (TimeoutException e) {
            throw new RetriableException("Kafka did not create the rebuild status topic '" + topic + "' in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted", e);
        }
    }

    /** Writes a status and waits until Kafka has it. */
    public void write(RebuildStatus status) {
        if (producer == null) {
            producer = new KafkaProducer<>(properties(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")), new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, status.connector(), JSON.writeValueAsString(status)))
                    .get(60, TimeUnit.SECONDS);
        } catch (JsonProcessingException e) {
            throw new ConnectException("cannot write a rebuild status as JSON", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetriableException("could not write the rebuild status of '" + status.connector() + "' to '"
                    + topic + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted", e);
        }
    }

    /** The last status of every connector that was ever rebuilt, read to the end of the topic. */
    public Map<String, RebuildStatus> readAll() {
        Map<String, RebuildStatus> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), JSON.readValue(record.value(), RebuildStatus.class));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new ConnectException("the rebuild status topic '" + topic + "' holds a record that is not a "
                    + "rebuild status: " + e.getOriginalMessage(), e);
        }
        return latest;
    }

    /** The last status of one connector's rebuild, if it was ever rebuilt. */
    public Optional<RebuildStatus> read(String connector) {
        return Optional.ofNullable(readAll().get(connector));
    }

    private Properties properties(Map<String, Object> overrides) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.putAll(overrides);
        return properties;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
