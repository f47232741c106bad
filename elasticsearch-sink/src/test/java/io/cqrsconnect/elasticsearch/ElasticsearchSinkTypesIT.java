package io.cqrsconnect.elasticsearch;

import static io.cqrsconnect.elasticsearch.ConnectJson.longKey;
import static io.cqrsconnect.elasticsearch.ConnectJson.withSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static String field(String name, String type, String logical) {
        return "{\"field\":\"" + name + "\",\"type\":\"" + type + "\",\"optional\":true"
                + (logical == null ? "" : ",\"name\":\"" + logical + "\"") + "}";
    }

    private static String idAndOne(String name, String type) {
        return "{\"type\":\"struct\",\"optional\":false,\"fields\":[" + field("id", "int64", null) + ","
                + field(name, type, null) + "]}";
    }

    private void assertTaskRunning(String connector) {
        assertThat(CLUSTER.connect().connectorStatus(connector).tasks().get(0).state()).isEqualTo("RUNNING");
    }

    @Test
    void debeziumTypesBecomeDatesAndNumbersThatRangeQueriesAndAggregationsUnderstand() throws Exception {
        start(schemaMapped());
        String decimal = "{\"field\":\"amount\",\"type\":\"struct\",\"optional\":true,"
                + "\"name\":\"io.debezium.data.VariableScaleDecimal\",\"fields\":["
                + "{\"field\":\"scale\",\"type\":\"int32\",\"optional\":false},"
                + "{\"field\":\"value\",\"type\":\"bytes\",\"optional\":false}]}";
        String schema = "{\"type\":\"struct\",\"optional\":false,\"name\":\"shop.public.orders.Value\",\"fields\":["
                + field("id", "int64", null) + ","
                + field("placed_on", "int32", "io.debezium.time.Date") + ","
                + field("placed_at", "int64", "io.debezium.time.MicroTimestamp") + ","
                + field("shipped_at", "int64", "io.debezium.time.NanoTimestamp") + ","
                + field("paid_at", "string", "io.debezium.time.ZonedTimestamp") + ","
                + field("opens", "int64", "io.debezium.time.MicroTime") + ","
                + field("closes", "int64", "io.debezium.time.MicroTime") + ","
                + field("order_uuid", "string", "io.debezium.data.Uuid") + ","
                + decimal + "]}";
        // 2024-02-29T13:14:15.123456Z: 1709212455 seconds and 123456 microseconds after the epoch
        String payload = "{\"id\":1,\"placed_on\":19782,\"placed_at\":1709212455123456,"
                + "\"shipped_at\":1709212455123456789,\"paid_at\":\"2024-02-29T14:14:15.5+01:00\","
                + "\"opens\":32400000000,\"closes\":86400000000,"
                + "\"order_uuid\":\"3f2b8a1c-9d4e-4f6a-8b7c-1d2e3f4a5b6c\","
                + "\"amount\":{\"scale\":4,\"value\":\"" + unscaledBase64("1234.5678") + "\"}}";
        CLUSTER.kafka().produce(topic, longKey(1), withSchema(schema, payload));
        CLUSTER.kafka().produce(topic, longKey(2), withSchema(schema, payload.replace("\"id\":1", "\"id\":2")
                .replace(unscaledBase64("1234.5678"), unscaledBase64("-0.0078"))));

        awaitCount(2);
        assertThat(mappedTypes()).containsEntry("placed_on", "date").containsEntry("placed_at", "date")
                .containsEntry("shipped_at", "date").containsEntry("paid_at", "date")
                .containsEntry("opens", "keyword").containsEntry("order_uuid", "keyword")
                .containsEntry("amount", "double");
        ObjectNode order = index.source(topic, "1");
        assertThat(order.get("placed_on").asText()).isEqualTo("2024-02-29");
        assertThat(order.get("placed_at").asText()).isEqualTo("2024-02-29T13:14:15.123456Z");
        assertThat(order.get("shipped_at").asText()).isEqualTo("2024-02-29T13:14:15.123456789Z");
        assertThat(order.get("paid_at").asText()).isEqualTo("2024-02-29T14:14:15.5+01:00");
        assertThat(order.get("opens").asText()).isEqualTo("09:00:00.000000");
        assertThat(order.get("closes").asText()).isEqualTo("24:00:00.000000");
        assertThat(order.get("amount").decimalValue()).isEqualByComparingTo("1234.5678");

        JsonNode placedThatDay = rest("POST", "/" + topic + "/_search", "{\"query\":{\"bool\":{\"filter\":["
                + "{\"range\":{\"placed_on\":{\"gte\":\"2024-02-29\",\"lt\":\"2024-03-01\"}}},"
                + "{\"range\":{\"placed_at\":{\"gte\":\"2024-02-29T13:00:00Z\",\"lt\":\"2024-02-29T14:00:00Z\"}}},"
                + "{\"range\":{\"paid_at\":{\"gte\":\"2024-02-29T13:14:15Z\",\"lte\":\"2024-02-29T13:14:16Z\"}}},"
                + "{\"range\":{\"opens\":{\"lt\":\"10:00\"}}}]}},"
                + "\"aggs\":{\"total\":{\"sum\":{\"field\":\"amount\"}}}}");
        assertThat(placedThatDay.path("hits").path("total").path("value").asLong()).isEqualTo(2);
        assertThat(placedThatDay.path("aggregations").path("total").path("value").asDouble())
                .isCloseTo(1234.56, org.assertj.core.data.Offset.offset(1e-9));
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

    private static String unscaledBase64(String decimal) {
        return Base64.getEncoder().encodeToString(new BigDecimal(decimal).unscaledValue().toByteArray());
    }
}
