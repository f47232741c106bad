package io.cqrsconnect.elasticsearch;

import static io.cqrsconnect.elasticsearch.ConnectJson.longKey;
import static io.cqrsconnect.elasticsearch.ConnectJson.withSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.values.EdgeCase;
import io.cqrsconnect.testing.values.EdgeCases;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
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
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final Map<String, List<EdgeCase>> GROUPS = EdgeCases.byGroup();

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

    /**
     * The generated test of issue 10: every case of {@link EdgeCases}, each group in its own topic and index, one
     * record per case, produced with JsonConverter and its schema. Floats travel as text and become floats again in
     * Kafka's Cast transform, because JsonConverter itself reads NaN and the infinities back as 0. Each value is
     * stored and reads back equal (and a range query on it finds it, where its mapped type answers one), or, for
     * the values JSON cannot carry, is dead-lettered naming the record and the field; the task runs throughout.
     */
    @Test
    void everyTypeAtTheEdgesOfItsRangeIsStoredAndReadsBackEqualOrIsDeadLetteredNamingIt() throws Exception {
        Map<String, String> config = schemaMapped();
        String deadLetters = withDeadLetters(config);
        Map<String, String> topics = startOnEdgeCases("edge-", config);

        Set<String> refused = new HashSet<>();
        int stored = 0;
        for (Map.Entry<String, List<EdgeCase>> group : GROUPS.entrySet()) {
            List<EdgeCase> cases = group.getValue();
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i).value() instanceof Number number && !Double.isFinite(number.doubleValue())) {
                    refused.add(topics.get(group.getKey()) + "/" + i);
                } else {
                    stored++;
                }
            }
        }

        int expectedStored = stored;
        await("every storable case to be indexed").atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(documentCount("edge-*")).isEqualTo(expectedStored));
        Map<String, String> deadLettered = deadLettered(deadLetters, refused.size());
        assertThat(deadLettered.keySet()).isEqualTo(refused);
        assertThat(deadLettered.values()).allSatisfy(message -> assertThat(message).contains(
                "JSON has no such number"));
        for (Map.Entry<String, List<EdgeCase>> group : GROUPS.entrySet()) {
            assertGroupReadsBack(topics.get(group.getKey()), group.getValue(), Set.of(), true);
        }
        assertThat(CLUSTER.kafka().consumeAll(WAIT.toMillis(), deadLetters).count()).isEqualTo(refused.size());
        assertTaskRunning("es-" + topic);
    }

    /**
     * Without mapping.mode=schema, Elasticsearch maps each field from its first value, so later values of another
     * range (a 60-digit decimal after a 1-digit one, now a long) are refused by the index: those are dead-lettered
     * naming the record and the field, everything else reads back equal, and the task runs.
     */
    @Test
    void withDynamicMappingEveryEdgeValueIsStoredAndReadsBackEqualOrIsDeadLetteredNamingIt() throws Exception {
        Map<String, String> config = sinkConfig(topic, true);
        String deadLetters = withDeadLetters(config);
        Map<String, String> topics = startOnEdgeCases("dynamic-", config);
        long total = GROUPS.values().stream().mapToLong(List::size).sum();

        await("every case to be indexed or dead-lettered").atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(documentCount("dynamic-*") + CLUSTER.kafka().consumeAll(WAIT.toMillis(), deadLetters)
                        .count()).isEqualTo(total));
        int refusedCount = CLUSTER.kafka().consumeAll(WAIT.toMillis(), deadLetters).count();
        Set<String> refused = deadLettered(deadLetters, refusedCount).keySet();
        for (Map.Entry<String, List<EdgeCase>> group : GROUPS.entrySet()) {
            List<EdgeCase> cases = group.getValue();
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i).value() instanceof Number number && !Double.isFinite(number.doubleValue())) {
                    assertThat(refused).contains(topics.get(group.getKey()) + "/" + i);
                }
            }
            assertGroupReadsBack(topics.get(group.getKey()), cases, refused, false);
        }
        assertTaskRunning("es-" + topic);
    }

    /**
     * Creates a topic per edge-case group (named by the prefix and the group), starts the sink on them all with the
     * given configuration, and produces every case: key the case's index, value a struct of one field v.
     *
     * @return the topic of each group
     */
    private Map<String, String> startOnEdgeCases(String prefix, Map<String, String> config)
            throws InterruptedException {
        Map<String, String> topics = new LinkedHashMap<>();
        GROUPS.keySet().forEach(group -> topics.put(group, prefix + group.replaceAll("[^a-z0-9]+", "-")));
        topics.values().forEach(edgeTopic -> CLUSTER.kafka().createTopic(edgeTopic, 1));
        config.put("topics", String.join(",", topics.values()));
        castFromText(config, "float32", topics.get("float32"));
        castFromText(config, "float64", topics.get("float64"));
        start(config);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
        for (Map.Entry<String, List<EdgeCase>> group : GROUPS.entrySet()) {
            List<EdgeCase> cases = group.getValue();
            for (int i = 0; i < cases.size(); i++) {
                produceCase(json, topics.get(group.getKey()), i, cases.get(i));
            }
        }
        return topics;
    }

    /** The documents of the indices a pattern matches, refreshed first: one request per poll for every group. */
    private long documentCount(String pattern) throws Exception {
        rest("POST", "/" + pattern + "/_refresh", null);
        return rest("GET", "/" + pattern + "/_count", null).path("count").asLong();
    }

    /**
     * The dead-letter queue's first {@code count} records as topic/offset to message, each message checked to name
     * its record and the field v.
     */
    private static Map<String, String> deadLettered(String deadLetters, int count) {
        Map<String, String> messages = new HashMap<>();
        if (count == 0) {
            return messages;
        }
        for (ConsumerRecord<byte[], byte[]> dead : CLUSTER.kafka().consume(count, WAIT.toMillis(), deadLetters)) {
            String from = header(dead, "__connect.errors.topic") + "/" + header(dead, "__connect.errors.offset");
            String message = header(dead, "__connect.errors.exception.message");
            assertThat(message).as(from).contains("topic '" + header(dead, "__connect.errors.topic")
                    + "' partition 0 offset " + header(dead, "__connect.errors.offset"), "field 'v'");
            messages.put(from, message);
        }
        return messages;
    }

    /** Delivers the field v of one topic's records, sent as text, as the float type through Kafka's Cast. */
    private static void castFromText(Map<String, String> config, String type, String castTopic) {
        String transforms = config.containsKey("transforms") ? config.get("transforms") + "," : "";
        config.put("transforms", transforms + type);
        config.put("transforms." + type + ".type", "org.apache.kafka.connect.transforms.Cast$Value");
        config.put("transforms." + type + ".spec", "v:" + type);
        config.put("transforms." + type + ".predicate", "is-" + type);
        String predicates = config.containsKey("predicates") ? config.get("predicates") + "," : "";
        config.put("predicates", predicates + "is-" + type);
        config.put("predicates.is-" + type + ".type",
                "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        config.put("predicates.is-" + type + ".pattern", castTopic);
    }

    private static void produceCase(JsonConverter json, String edgeTopic, int key, EdgeCase edge) {
        boolean asText = edge.schema().type() == Schema.Type.FLOAT32 || edge.schema().type() == Schema.Type.FLOAT64;
        Schema field = asText ? Schema.OPTIONAL_STRING_SCHEMA : edge.schema();
        Schema schema = SchemaBuilder.struct().name("edge").field("v", field).build();
        Struct value = new Struct(schema).put("v", asText ? String.valueOf(edge.value()) : edge.value());
        CLUSTER.kafka().produce(edgeTopic,
                new String(json.fromConnectData(edgeTopic, Schema.INT32_SCHEMA, key), StandardCharsets.UTF_8),
                new String(json.fromConnectData(edgeTopic, schema, value), StandardCharsets.UTF_8));
    }

    /**
     * Each case of a group, but the refused ones (topic/offset) and the non-finite floats, reads back equal, and
     * with {@code ranged} a range query on its value finds it where its mapped type answers one.
     */
    private void assertGroupReadsBack(String edgeTopic, List<EdgeCase> cases, Set<String> refused, boolean ranged)
            throws Exception {
        for (int i = 0; i < cases.size(); i++) {
            EdgeCase edge = cases.get(i);
            if (edge.value() instanceof Number number && !Double.isFinite(number.doubleValue())
                    || refused.contains(edgeTopic + "/" + i)) {
                continue;
            }
            Response response = restClient().performRequest(new Request("GET", "/" + edgeTopic + "/_source/" + i));
            EdgeCaseReadBack.SourceValue stored = EdgeCaseReadBack.read(EntityUtils.toString(response.getEntity(),
                    StandardCharsets.UTF_8));
            try {
                EdgeCaseReadBack.assertEqual(edge, stored);
            } catch (AssertionError e) {
                throw new AssertionError(edge + " (document " + edgeTopic + "/" + i + "): " + e.getMessage(), e);
            }
            String range = ranged ? EdgeCaseReadBack.rangeQuery(edge, stored) : null;
            if (range != null) {
                JsonNode found = rest("POST", "/" + edgeTopic + "/_search", "{\"query\":{\"bool\":{\"filter\":["
                        + "{\"ids\":{\"values\":[\"" + i + "\"]}}," + range + "]}}}");
                assertThat(found.path("hits").path("total").path("value").asLong()).as(edge + ": " + range)
                        .isEqualTo(1);
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
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
