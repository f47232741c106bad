package io.cqrsconnect.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a topic holds (the sum of its partitions' end offsets: nothing is deleted or compacted during a
 * race) and how many bytes its log takes on the broker, read with an {@link Admin} client. A source's records are
 * "in the topic" once the broker acknowledged them, which is what the end offsets say.
 */
final class TopicRecords implements AutoCloseable {

    private final Admin admin;

    TopicRecords(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** The records in {@code topic}; 0 while it does not exist yet (a source's first record creates it). */
    long count(String topic) throws ExecutionException, InterruptedException {
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** The size of {@code topic}'s log on the broker, all partitions, in bytes. */
    long bytes(String topic) throws ExecutionException, InterruptedException {
        int broker = admin.describeCluster().nodes().get().iterator().next().id();
        return admin.describeLogDirs(List.of(broker)).allDescriptions().get().get(broker).values().stream()
                .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                .filter(replica -> replica.getKey().topic().equals(topic))
                .mapToLong(replica -> replica.getValue().size()).sum();
    }

    /** Creates {@code topic} with one partition, as the contestants' topic.creation settings create theirs. */
    void create(String topic) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    @Override
    public void close() {
        admin.close();
    }
}
