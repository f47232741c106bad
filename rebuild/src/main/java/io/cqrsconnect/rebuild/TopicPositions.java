package io.cqrsconnect.rebuild;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Where the history of a connector's topics begins and ends, read with Kafka's Admin client: the start and target
 * positions of a rebuild, and whether retention has already deleted the beginning of a topic.
 */
public final class TopicPositions implements AutoCloseable {

    private final Admin admin;

    /** @param clientProperties Admin client settings: at least {@code bootstrap.servers} */
    public TopicPositions(Map<String, Object> clientProperties) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        this.admin = Admin.create(properties);
    }

    /** The topics a sink connector's config consumes: its {@code topics} list or what {@code topics.regex} matches. */
    public List<String> topicsOf(Map<String, String> sinkConfig) {
        String listed = sinkConfig.getOrDefault("topics", "").trim();
        if (!listed.isEmpty()) {
            return List.of(listed.split("\\s*,\\s*"));
        }
        Pattern regex = Pattern.compile(sinkConfig.getOrDefault("topics.regex", ""));
        return call(() -> admin.listTopics().names().get()).stream().filter(name -> regex.matcher(name).matches())
                .sorted().toList();
    }

    /** The first offset still retained, per partition of the topics. */
    public Map<TopicPartition, Long> earliest(Collection<String> topics) {
        return offsets(topics, OffsetSpec.earliest());
    }

    /** The offset the next record will get, per partition of the topics. */
    public Map<TopicPartition, Long> latest(Collection<String> topics) {
        return offsets(topics, OffsetSpec.latest());
    }

    /** The topics among these whose cleanup policy compacts (so an upsert model keeps every key's last value). */
    public Set<String> compacted(Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = call(() -> admin.describeConfigs(resources).all().get());
        return configs.entrySet().stream()
                .filter(entry -> {
                    var policy = entry.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG);
                    return policy != null && policy.value() != null && policy.value().contains("compact");
                })
                .map(entry -> entry.getKey().name())
                .collect(Collectors.toSet());
    }

    /**
     * Whether a consumer group still has members. A sink connector's tasks leave its group only once they have
     * closed, after their last write and offset commit; the status API may show them gone earlier.
     */
    public boolean hasMembers(String groupId) {
        ConsumerGroupDescription group = call(() -> admin.describeConsumerGroups(List.of(groupId)).all().get())
                .get(groupId);
        return group != null && !group.members().isEmpty();
    }

    /** The consumer group of a sink connector: {@code consumer.override.group.id}, else Connect's default. */
    public static String groupOf(String connector, Map<String, String> config) {
        return config.getOrDefault("consumer.override.group.id", "connect-" + connector);
    }

    private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) {
        Map<String, TopicDescription> descriptions = call(() -> admin.describeTopics(topics).allTopicNames().get());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                request.put(new TopicPartition(description.name(), partition.partition()), spec)));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                call(() -> admin.listOffsets(request).all().get());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException;
    }

    private static <T> T call(AdminCall<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new RetriableException("Kafka did not answer: " + e.getCause().getMessage()
                    + ". Check rebuild.kafka.bootstrap.servers and the client settings under rebuild.kafka.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while asking Kafka", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
