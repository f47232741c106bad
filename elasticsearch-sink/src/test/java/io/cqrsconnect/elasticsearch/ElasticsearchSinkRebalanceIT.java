package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.management.ObjectName;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebalance while the task holds its partitions paused for backpressure must not leave them paused for good.
 * The worker remembers which partitions a task paused and pauses them again when a rebalance gives them back; a task
 * whose lanes drained while it had no partitions must resume them. The group's other members are plain consumers
 * the test controls (their client ids sort after the task's, so the range assignor gives the task the first
 * partitions each time), which lets the test hold the rebalance open while the node comes back.
 */
class ElasticsearchSinkRebalanceIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final String TOPIC = "rebalanced-orders";
    private static final String CONNECTOR = TOPIC + "-sink"; // the name stringKeyConfig gives
    private static final int PARTITIONS = 4;

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    @Test
    void partitionsPausedForBackpressureResumeWhenARebalanceHandsThemBack() throws Exception {
        CLUSTER.kafka().createTopic(TOPIC, PARTITIONS);
        Map<String, String> config = stringKeyConfig(TOPIC);
        config.put("batch.max.in.flight.requests", "1");
        config.put("batch.size", "10");
        config.put("max.retries", "1000");
        config.put("retry.backoff.max.ms", "500");
        config.put("connection.timeout.ms", "1000");
        startConnector(CONNECTOR, config);
        produce(0, 40);
        await("the first documents").atMost(WAIT).ignoreExceptions().until(() -> count() == 40);

        // The node goes away: the lane's request retries, the next one fills up behind it, the task pauses.
        ES.stop();
        produce(40, 240);
        await("the task to pause consuming").atMost(WAIT)
                .until(() -> TaskMetricsJmx.value(CONNECTOR, "backpressure-pauses-total") >= 1);

        try (KafkaConsumer<byte[], byte[]> first = groupMember("zz-first");
             KafkaConsumer<byte[], byte[]> second = groupMember("zz-second")) {
            // A consumer joins: the task keeps the first two partitions, still paused (the node is down).
            await("the first member's partitions").atMost(WAIT)
                    .until(polling(first, () -> !first.assignment().isEmpty()));
            await("the task's half").atMost(WAIT).until(() -> taskAssignedPartitions() == PARTITIONS / 2);

            // Another joins: the task gives its partitions up and waits for the first member, which does not poll.
            await("the task to give up its partitions").atMost(WAIT)
                    .until(polling(second, () -> taskAssignedPartitions() == 0));

            // The node comes back while the group waits: the lanes drain; the task has nothing to resume yet.
            ES.start();
            await("the lanes to drain").atMost(WAIT)
                    .until(() -> TaskMetricsJmx.value(CONNECTOR, "bulk-requests-outstanding") == 0);

            // The first member rejoins: the task gets its two partitions back, which the worker pauses again. The
            // other members keep theirs, so only what the task's own partitions hold can make its lanes busy again.
            await("the rebalance to finish").atMost(WAIT).until(polling(first, polling(second,
                    () -> !second.assignment().isEmpty() && taskAssignedPartitions() > 0)));
            List<TopicPartition> taskPartitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));

            // What the task's partitions held and what comes next must reach the index.
            produce(240, 280);
            Map<TopicPartition, Long> ends = endOffsets();
            await("the task's partitions consumed and committed").atMost(WAIT).ignoreExceptions()
                    .untilAsserted(() -> {
                        Set<String> ids = new IndexContents(ES.client()).all(TOPIC).keySet();
                        for (int i = 0; i < 280; i++) {
                            if (taskPartitions.contains(new TopicPartition(TOPIC, i % PARTITIONS))) {
                                assertThat(ids).contains("order-" + i);
                            }
                        }
                        Map<TopicPartition, Long> committed = committedOffsets();
                        for (TopicPartition partition : taskPartitions) {
                            assertThat(committed.get(partition)).as("committed %s", partition)
                                    .isEqualTo(ends.get(partition));
                        }
                    });
        }

        // Both members left: the task owns every partition and catches up with the rest.
        await("every document, and every offset committed").atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(count()).isEqualTo(280);
            assertThat(committedOffsets()).isEqualTo(endOffsets());
        });
        assertThat(CLUSTER.connect().connectorStatus(CONNECTOR).tasks().get(0).state()).isEqualTo("RUNNING");
    }

    private static long count() {
        return new IndexContents(ES.client()).count(TOPIC);
    }

    /** Records {@code from} to {@code to - 1}, spread over every partition. */
    private static void produce(int from, int to) {
        for (int i = from; i < to; i++) {
            CLUSTER.kafka().produce(TOPIC, i % PARTITIONS, "order-" + i, "{\"id\":" + i + "}");
        }
    }

    /** A member of the connector's consumer group that commits nothing. */
    private static KafkaConsumer<byte[], byte[]> groupMember(String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-" + CONNECTOR);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    /** A condition that polls the consumer (which is how it takes part in a rebalance) before it is checked. */
    private static Callable<Boolean> polling(KafkaConsumer<byte[], byte[]> consumer, Callable<Boolean> condition) {
        return () -> {
            consumer.poll(Duration.ofMillis(100));
            return condition.call();
        };
    }

    /** How many partitions the task's consumer holds, read from its JMX metrics (same JVM). */
    private static int taskAssignedPartitions() throws Exception {
        ObjectName name = new ObjectName("kafka.consumer:type=consumer-coordinator-metrics,client-id="
                + "connector-consumer-" + CONNECTOR + "-0");
        Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(name, "assigned-partitions");
        return ((Number) value).intValue();
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = CLUSTER.kafka().createAdminClient()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + CONNECTOR)
                    .partitionsToOffsetAndMetadata().get();
            committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
            return offsets;
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = CLUSTER.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        }
    }
}
