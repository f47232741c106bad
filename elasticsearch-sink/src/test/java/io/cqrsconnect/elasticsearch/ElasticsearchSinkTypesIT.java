package io.cqrsconnect.elasticsearch;

import static io.cqrsconnect.elasticsearch.ConnectJson.longKey;
import static io.cqrsconnect.elasticsearch.ConnectJson.withSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Connect's and Debezium's types become in the search read model, in a real Connect cluster writing into a
 * real node with mapping.mode=schema: Debezium's temporal and decimal types as dates and numbers Elasticsearch can
 * query, and schema changes: a widened integer keeps being written, a change the index cannot follow goes to the
 * dead-letter queue pointing at the rebuild.
 */
class ElasticsearchSinkTypesIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private String topic;
    private IndexContents index;

    @BeforeEach
    void topicPerTest(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-" + System.nanoTime() % 100_000;
        CLUSTER.kafka().createTopic(topic, 1);
        index = new IndexContents(ES.client());
    }

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    private Map<String, String> schemaMapped() {
        Map<String, String> config = sinkConfig(topic, true);
        config.put("mapping.mode", "schema");
        return config;
    }

    private String withDeadLetters(Map<String, String> config) {
        String deadLetters = topic + "-dlq";
        CLUSTER.kafka().createTopic(deadLetters, 1);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetters);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return deadLetters;
    }

    private void awaitCount(long expected) {
        await("index " + topic + " to hold " + expected + " documents").atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(expected));
    }

    /** The Elasticsearch type of each top-level field of the test's index. */
    private Map<String, String> mappedTypes() throws Exception {
        var mapping = ES.client().indices().getMapping(m -> m.index(topic)).result().get(topic).mappings();
        Map<String, String> types = new HashMap<>();
        mapping.properties().forEach((field, property) -> types.put(field, property._kind().jsonValue()));
        return types;
    }

    private static String field(String name, String type) {
        return "{\"field\":\"" + name + "\",\"type\":\"" + type + "\",\"optional\":true}";
    }

    private static String idAndOne(String name, String type) {
        return "{\"type\":\"struct\",\"optional\":false,\"fields\":[" + field("id", "int64") + ","
                + field(name, type) + "]}";
    }

    private void assertTaskRunning(String connector) {
        assertThat(CLUSTER.connect().connectorStatus(connector).tasks().get(0).state()).isEqualTo("RUNNING");
    }

    @Test
    void anIntegerWidenedFromInt32ToInt64KeepsBeingWritten() throws Exception {
        String connector = start(schemaMapped());

        CLUSTER.kafka().produce(topic, longKey(1), withSchema(idAndOne("n", "int32"), "{\"id\":1,\"n\":5}"));
        awaitCount(1);
        CLUSTER.kafka().produce(topic, longKey(2), withSchema(idAndOne("n", "int64"),
                "{\"id\":2,\"n\":1099511627776}"));
        CLUSTER.kafka().produce(topic, longKey(3), withSchema(idAndOne("n", "int64"), "{\"id\":3,\"n\":7}"));

        awaitCount(3);
        assertThat(index.source(topic, "2").get("n").asLong()).isEqualTo(1L << 40);
        assertThat(mappedTypes()).containsEntry("n", "long");
        assertTaskRunning(connector);
    }

    @Test
    void aTypeChangeTheIndexCannotFollowIsDeadLetteredPointingAtTheRebuild() throws Exception {
        Map<String, String> config = schemaMapped();
        String deadLetters = withDeadLetters(config);
        String connector = start(config);

        CLUSTER.kafka().produce(topic, longKey(1), withSchema(idAndOne("code", "int64"), "{\"id\":1,\"code\":1}"));
        awaitCount(1);
        CLUSTER.kafka().produce(topic, longKey(2), withSchema(idAndOne("code", "string"),
                "{\"id\":2,\"code\":\"A-2\"}"));
        CLUSTER.kafka().produce(topic, longKey(3), withSchema(idAndOne("code", "int64"), "{\"id\":3,\"code\":3}"));

        awaitCount(2);
        assertThat(index.source(topic, "3").get("code").asLong()).isEqualTo(3);
        ConsumerRecord<byte[], byte[]> dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters)
                .iterator().next();
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("offset 1", "field 'code'", "cannot change",
                "read.model.generation");
        assertTaskRunning(connector);
    }

    private String start(Map<String, String> config) throws InterruptedException {
        return startConnector("es-" + topic, config);
    }
}
