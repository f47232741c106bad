package io.cqrsconnect.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a sink connector has committed every record of its topic: its consumer group's committed offsets reach
 * the topic's end offsets. A sink commits only what its preCommit reports as written, so this is the moment the
 * data is in the store.
 */
final class ConsumerGroupProgress implements AutoCloseable {

    private final Admin admin;

    ConsumerGroupProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Records of {@code topic} that the group has not committed yet. */
    long lag(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < TopicLoader.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Records in {@code topic}: the sum of its end offsets (nothing is deleted from the benchmark's topics). */
    long records(String topic) throws ExecutionException, InterruptedException {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The end offset of each partition of {@code topic}. */
    Map<TopicPartition, Long> ends(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < TopicLoader.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the group has committed at least {@code targets}' offset on each of their partitions. */
    boolean reached(String group, Map<TopicPartition, Long> targets) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata done = committed.get(target.getKey());
            if (target.getValue() > 0 && (done == null || done.offset() < target.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the group is stable with {@code members} members that hold every partition of {@code topic}
     * between them: the tasks have joined and been assigned, and no rebalance is pending.
     */
    boolean settled(String group, String topic, int members) throws ExecutionException, InterruptedException {
        var description = admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group).get();
        if (description.groupState() != org.apache.kafka.common.GroupState.STABLE
                || description.members().size() != members) {
            return false;
        }
        long assigned = description.members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .filter(partition -> partition.topic().equals(topic)).count();
        return assigned == TopicLoader.PARTITIONS;
    }

    @Override
    public void close() {
        admin.close();
    }
}
