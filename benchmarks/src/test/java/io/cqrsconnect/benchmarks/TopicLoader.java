package io.cqrsconnect.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a workload's changes into its topic once, with a batching producer (the embedded cluster's one-at-a-time
 * produce would make loading the slowest part of the benchmark). Records are keyed, so every change of one id lands
 * in one partition, in order. It remembers the last change each partition received: a sink that writes each
 * partition in order has written everything once the store holds those.
 */
final class TopicLoader {

    static final int PARTITIONS = 4;

    private final String bootstrapServers;
    private final BenchmarkRecords records = new BenchmarkRecords();
    private final Map<String, List<Workload.Change>> lastChanges = new HashMap<>();

    TopicLoader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Creates the workload's topic and fills it with {@code count} changes. */
    void load(Workload workload, long count) throws ExecutionException, InterruptedException {
        String topic = workload.topic();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.ACKS_CONFIG, "1");
        AtomicLongArray last = new AtomicLongArray(PARTITIONS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                Workload.Change change = workload.change(i, count);
                byte[] value = change.isDelete() ? null : records.value(topic, change.id(), change.version());
                long index = i;
                producer.send(new ProducerRecord<>(topic, records.key(topic, change.id()), value),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                last.accumulateAndGet(metadata.partition(), index, Math::max);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading " + topic + " failed", failure.get());
        }
        List<Workload.Change> changes = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            changes.add(workload.change(last.get(p), count));
        }
        lastChanges.put(topic, changes);
    }

    /** The last change of each partition of the workload's topic, loaded before by {@link #load}. */
    List<Workload.Change> lastChanges(Workload workload) {
        List<Workload.Change> changes = lastChanges.get(workload.topic());
        if (changes == null) {
            throw new IllegalStateException(workload.topic() + " was not loaded by this loader");
        }
        return changes;
    }
}
