package io.cqrsconnect.elasticsearch;

import static io.cqrsconnect.elasticsearch.ConnectJson.longKey;
import static io.cqrsconnect.elasticsearch.ConnectJson.person;
import static io.cqrsconnect.elasticsearch.ConnectJson.personRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.elasticsearch.readmodel.ElasticsearchAliasSwitch;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector in a real Connect cluster writing into a real Elasticsearch node: every input shape, both write
 * modes, versioning under replay, and dead-letter routing.
 */
class ElasticsearchSinkConnectorIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private String topic;
    private IndexContents index;

    @org.junit.jupiter.api.BeforeEach
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

    private Map<String, String> sinkConfig(boolean schemas) {
        return sinkConfig(topic, schemas);
    }

    /** Bad records to a new dead-letter queue topic, with the reason in its headers. */
    private static Map<String, String> withDeadLetterQueue(Map<String, String> config, String deadLetters) {
        CLUSTER.kafka().createTopic(deadLetters, 1);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetters);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    private String start(Map<String, String> config) throws InterruptedException {
        return startConnector("es-" + topic, config);
    }

    private void produce(String key, String value) {
        CLUSTER.kafka().produce(topic, key, value);
    }

    private void awaitCount(long expected) {
        await("index " + topic + " to hold " + expected + " documents").atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(expected));
    }

    @Test
    void recordsWithSchemasBecomeDocumentsKeyedByTheRecordKey() throws Exception {
        start(sinkConfig(true));

        produce(longKey(1), personRecord(1, "Ada", 36, "London"));
        produce(longKey(2), personRecord(2, "Grace", null, null));

        awaitCount(2);
        ObjectNode ada = index.source(topic, "1");
        assertThat(ada.get("name").asText()).isEqualTo("Ada");
        assertThat(ada.get("age").asInt()).isEqualTo(36);
        assertThat(ada.get("city").asText()).isEqualTo("London");
        assertThat(index.source(topic, "2").get("age").isNull()).isTrue();
    }

    @Test
    void schemalessJsonWithStructKeysBecomesDocumentsWithStableCompositeIds() throws Exception {
        start(sinkConfig(false));

        produce("{\"tenant\":\"acme\",\"number\":5}", "{\"tenant\":\"acme\",\"number\":5,\"total\":12.5,"
                + "\"lines\":[{\"sku\":\"a\"}]}");
        produce("{\"tenant\":\"acme\",\"number\":6}", "{\"tenant\":\"acme\",\"number\":6,\"total\":3}");

        awaitCount(2);
        ObjectNode five = index.source(topic, "number=5|tenant=acme");
        assertThat(five.get("total").asDouble()).isEqualTo(12.5);
        assertThat(five.get("lines").get(0).get("sku").asText()).isEqualTo("a");
        assertThat(index.source(topic, "number=6|tenant=acme")).isNotNull();
    }

    @Test
    void structKeysWithSchemasAndTombstonesDeleteByKey() throws Exception {
        start(sinkConfig(true));
        String key = ConnectJson.withSchema(ConnectJson.TENANT_KEY_SCHEMA, "{\"tenant\":\"a|b\",\"number\":1}");
        String other = ConnectJson.withSchema(ConnectJson.TENANT_KEY_SCHEMA, "{\"tenant\":\"c\",\"number\":2}");

        produce(key, personRecord(1, "Ada", 36, null));
        produce(other, personRecord(2, "Grace", 40, null));
        awaitCount(2);
        assertThat(index.source(topic, "a\\|b|1")).isNotNull();

        produce(key, null);

        awaitCount(1);
        assertThat(index.source(topic, "a\\|b|1")).isNull();
        assertThat(index.source(topic, "c|2").get("name").asText()).isEqualTo("Grace");
    }

    @Test
    void debeziumEnvelopesIndexTheAfterImageAndDeleteOnD() throws Exception {
        Map<String, String> config = sinkConfig(true);
        config.put("index.name.format", "${topic}");
        start(config);

        produce(longKey(1), ConnectJson.debeziumEvent("r", "null", person(1, "Ada", 36, "London"), "people"));
        produce(longKey(2), ConnectJson.debeziumEvent("c", "null", person(2, "Grace", 40, "Arlington"), "people"));
        produce(longKey(1), ConnectJson.debeziumEvent("u", person(1, "Ada", 36, "London"),
                person(1, "Ada", 37, "Cambridge"), "people"));
        produce(longKey(2), ConnectJson.debeziumEvent("d", person(2, "Grace", 40, "Arlington"), "null", "people"));
        produce(longKey(2), null);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(index.source(topic, "2")).isNull();
            ObjectNode ada = index.source(topic, "1");
            assertThat(ada).isNotNull();
            assertThat(ada.get("city").asText()).isEqualTo("Cambridge");
            assertThat(ada.get("age").asInt()).isEqualTo(37);
            // the envelope is unwrapped: only the row's fields are stored
            assertThat(ada.has("op")).isFalse();
        });
        assertThat(index.count(topic)).isEqualTo(1);
    }

    @Test
    void upsertModeMergesFieldsIntoTheStoredDocument() throws Exception {
        Map<String, String> config = sinkConfig(false);
        config.put("insert.mode", "upsert");
        start(config);

        produce("7", "{\"name\":\"Ada\",\"city\":\"London\"}");
        await().atMost(WAIT).ignoreExceptions().until(() -> index.source(topic, "7") != null);
        produce("7", "{\"age\":37}");
        produce("7", "{\"city\":\"Cambridge\"}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ObjectNode doc = index.source(topic, "7");
            assertThat(doc.get("age")).isNotNull();
            assertThat(doc.get("city").asText()).isEqualTo("Cambridge");
            assertThat(doc.get("name").asText()).isEqualTo("Ada");
        });
    }

    @Test
    void indexModeReplacesTheWholeDocument() throws Exception {
        start(sinkConfig(false));

        produce("7", "{\"name\":\"Ada\",\"city\":\"London\"}");
        await().atMost(WAIT).ignoreExceptions().until(() -> index.source(topic, "7") != null);
        produce("7", "{\"age\":37}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ObjectNode doc = index.source(topic, "7");
            assertThat(doc.get("age").asInt()).isEqualTo(37);
            assertThat(doc.has("name")).isFalse();
        });
    }

    @Test
    void replayingFromOffsetZeroLeavesTheIndexIdentical() throws Exception {
        Map<String, String> config = sinkConfig(false);
        config.put("insert.mode", "upsert");
        String name = start(config);
        for (int round = 0; round < 3; round++) {
            for (int id = 0; id < 10; id++) {
                produce(Integer.toString(id), "{\"id\":" + id + ",\"round\":" + round + ",\"f" + round + "\":true}");
            }
        }
        produce("3", null);
        long endOffset = 31;
        awaitCommitted(name, endOffset);
        Map<String, IndexContents.StoredDocument> before = index.all(topic);
        assertThat(before).hasSize(9);
        assertThat(before.get("5").source().get("round").asInt()).isEqualTo(2);

        CLUSTER.connect().stopConnector(name);
        CLUSTER.connect().assertions().assertConnectorIsStopped(name, "the connector did not stop");
        CLUSTER.connect().resetConnectorOffsets(name);
        // a newer write that the replay must not undo: round 3 of document 0 arrives after the reset
        produce("0", "{\"id\":0,\"round\":3}");
        CLUSTER.connect().resumeConnector(name);

        awaitCommitted(name, endOffset + 1);
        Map<String, IndexContents.StoredDocument> after = index.all(topic);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String id : before.keySet()) {
            if (!id.equals("0")) {
                assertThat(after.get(id)).as("document %s", id).isEqualTo(before.get(id));
            }
        }
        assertThat(after.get("0").source().get("round").asInt()).isEqualTo(3);
        assertThat(after.get("0").source().get("f2").asBoolean()).isTrue();
        // every replayed event was older than its document: counted and published, not silent
        assertThat(TaskMetricsJmx.value(name, "version-conflicts-total")).isEqualTo(31.0);
        assertThat(TaskMetricsJmx.value(name, "documents-indexed-total")).isEqualTo(1.0);
    }

    @Test
    void aDocumentTheMappingRejectsGoesToTheDeadLetterQueueAndTheRestIsWritten() throws Exception {
        String deadLetters = topic + "-dlq";
        Map<String, String> config = withDeadLetterQueue(sinkConfig(false), deadLetters);
        start(config);

        produce("1", "{\"name\":\"Ada\",\"age\":36}");
        awaitCount(1);
        produce("2", "{\"name\":\"Grace\",\"age\":\"forty\"}");
        produce("3", "{\"name\":\"Edsger\",\"age\":72}");

        awaitCount(2);
        assertThat(index.source(topic, "3").get("age").asInt()).isEqualTo(72);
        ConsumerRecord<byte[], byte[]> dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters)
                .iterator().next();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("field 'age'", "behavior.on.malformed.documents",
                "offset 1");
    }

    @Test
    void aSchemalessFieldWithAnEmptyNameGoesToTheDeadLetterQueueAndTheRestIsWritten() throws Exception {
        String deadLetters = topic + "-dlq";
        Map<String, String> config = withDeadLetterQueue(sinkConfig(false), deadLetters);
        String name = start(config);

        produce("1", "{\"name\":\"Ada\",\"\":1}"); // no Connect struct holds a field without a name
        produce("2", "{\"name\":\"Grace\"}");

        awaitCount(1);
        assertThat(index.source(topic, "2").get("name").asText()).isEqualTo("Grace");
        ConsumerRecord<byte[], byte[]> dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters)
                .iterator().next();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("1");
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("offset 0", "a field with an empty name");
        assertThat(CLUSTER.connect().connectorStatus(name).tasks().get(0).state()).isEqualTo("RUNNING");
    }

    @Test
    void withoutErrorToleranceAMalformedDocumentFailsTheTaskNamingRecordFieldAndSetting() throws Exception {
        String name = start(sinkConfig(false));

        produce("1", "{\"age\":36}");
        awaitCount(1);
        produce("2", "{\"age\":\"forty\"}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            var status = CLUSTER.connect().connectorStatus(name);
            assertThat(status.tasks()).hasSize(1);
            assertThat(status.tasks().get(0).state()).isEqualTo("FAILED");
            assertThat(status.tasks().get(0).trace()).contains("topic '" + topic + "' partition 0 offset 1",
                    "field 'age'", "behavior.on.malformed.documents");
        });
    }

    @Test
    void schemaMappingMapsFieldsAndAddsTheFieldsANewSchemaVersionBrings() throws Exception {
        Map<String, String> config = sinkConfig(true);
        config.put("mapping.mode", "schema");
        config.put("mapping.keyword.fields", "city");
        start(config);

        produce(longKey(1), personRecord(1, "Ada", 36, "London"));
        awaitCount(1);
        Map<String, String> first = mappedTypes();
        assertThat(first).containsEntry("id", "long").containsEntry("age", "long")
                .containsEntry("city", "keyword").containsEntry("name", "text");

        String v2 = ConnectJson.PERSON_SCHEMA.substring(0, ConnectJson.PERSON_SCHEMA.length() - 2)
                + ",{\"field\":\"born\",\"type\":\"int32\",\"optional\":true,"
                + "\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1},"
                + "{\"field\":\"balance\",\"type\":\"bytes\",\"optional\":true,"
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                + "\"parameters\":{\"scale\":\"2\"}}]}";
        produce(longKey(2), ConnectJson.withSchema(v2, "{\"id\":2,\"name\":\"Grace\",\"age\":null,\"city\":null,"
                + "\"born\":19000,\"balance\":\"BOI=\"}"));

        awaitCount(2);
        assertThat(mappedTypes()).containsAllEntriesOf(first).containsEntry("born", "date")
                .containsEntry("balance", "double");
        ObjectNode grace = index.source(topic, "2");
        assertThat(grace.get("born").asText()).isEqualTo("2022-01-08");
        assertThat(grace.get("balance").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void theRestValidateAnswerHoldsEveryProblemOnItsKeyIncludingAnOldKeyName() {
        Map<String, String> config = sinkConfig(false);
        config.put("name", "validated");
        config.put("batch.size", "0");
        config.put("version.mode", "field");
        config.put("connection.user", "writer");
        config.put("write.mode", "upsert");

        Map<String, List<String>> errors = errors(validate(config));

        assertThat(errors).containsOnlyKeys("batch.size", "version.field", "connection.password", "write.mode");
        assertThat(errors.get("write.mode")).singleElement().asString().contains("insert.mode");
    }

    @Test
    void excludedFieldsAreNeitherInTheDocumentNorInTheMappingAndRenamedOnesAreUnderTheirNewNameInBoth()
            throws Exception {
        Map<String, String> config = sinkConfig(true);
        config.put("mapping.mode", "schema");
        config.put("field.exclude.list", "age");
        config.put("field.renames", "city:town");
        config.put("mapping.keyword.fields", "town");
        start(config);

        produce(longKey(1), personRecord(1, "Ada", 36, "London"));
        awaitCount(1);

        assertThat(mappedTypes()).containsOnlyKeys("id", "name", "town").containsEntry("town", "keyword");
        ObjectNode ada = index.source(topic, "1");
        assertThat(ada.has("age")).isFalse();
        assertThat(ada.has("city")).isFalse();
        assertThat(ada.get("town").asText()).isEqualTo("London");
        assertThat(ada.get("name").asText()).isEqualTo("Ada");
    }

    @Test
    void writesThroughAnAliasIntoItsWriteIndex() throws Exception {
        String generation = topic + "__g1";
        // created as the sink would (validation refuses an existing index that forgets deletes sooner than 1h)
        ES.client().indices().create(c -> c.index(generation).settings(s -> s.gcDeletes(t -> t.time("1h")))
                .aliases(topic, a -> a.isWriteIndex(true)));
        Map<String, String> config = sinkConfig(false);
        config.put("insert.mode", "upsert");
        start(config);

        produce("1", "{\"name\":\"Ada\"}");
        produce("2", "{\"name\":\"Grace\"}");
        produce("1", "{\"city\":\"London\"}");

        // documents 1 and 2 may travel in different lanes: both are awaited
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ObjectNode ada = index.source(generation, "1");
            assertThat(ada.get("city").asText()).isEqualTo("London");
            assertThat(ada.get("name").asText()).isEqualTo("Ada");
            assertThat(index.all(generation).keySet()).containsExactly("1", "2");
        });
        assertThat(index.count(topic)).isEqualTo(2);
        assertThat(ES.client().indices().exists(e -> e.index(topic + "__g2")).value()).isFalse();
    }

    @Test
    void aGenerationIsPublishedUnderTheLogicalNameAndARebuildSwitchesAtomically() throws Exception {
        ElasticsearchAliasSwitch aliases = new ElasticsearchAliasSwitch(restClient());
        ReadModelGeneration first = new ReadModelGeneration(topic, 1);
        ReadModelGeneration second = first.next();
        Map<String, String> config = sinkConfig(false);
        config.put("read.model.generation", "1");
        start(config);
        produce("1", "{\"name\":\"Ada\"}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(1));
        assertThat(aliases.current(topic)).contains(first);
        assertThat(index.count(first.physicalName())).isEqualTo(1);

        // a rebuild: generation 2 written next to the live one, from the same topic, by a second connector
        Map<String, String> rebuild = sinkConfig(false);
        rebuild.put("read.model.generation", "2");
        configure("rebuild-" + topic, rebuild);
        produce("2", "{\"name\":\"Grace\"}");
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.count(second.physicalName())).isEqualTo(2));
        assertThat(aliases.current(topic)).as("the live model is not switched by the sink").contains(first);
        assertThat(aliases.generations(topic)).containsExactly(first, second);

        aliases.pointTo(second);

        assertThat(aliases.current(topic)).contains(second);
        assertThat(index.all(topic).keySet()).containsExactly("1", "2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> aliases.retire(second))
                .isInstanceOf(IllegalStateException.class);
        aliases.retire(first);
        assertThat(aliases.generations(topic)).containsExactly(second);
    }

    private Map<String, String> mappedTypes() throws Exception {
        var mapping = ES.client().indices().getMapping(m -> m.index(topic)).result().get(topic).mappings();
        Map<String, String> types = new HashMap<>();
        mapping.properties().forEach((field, property) -> types.put(field, property._kind().jsonValue()));
        return types;
    }

    @Test
    void theOffsetsApiMovesTheSinkAndSaysTheChangeIsComplete() throws Exception {
        String name = start(sinkConfig(false));
        produce("1", "{\"name\":\"Ada\"}");
        produce("2", "{\"name\":\"Grace\"}");
        awaitCommitted(name, 2);

        CLUSTER.connect().stopConnector(name);
        CLUSTER.connect().assertions().assertConnectorIsStopped(name, "the connector did not stop");
        String answer = CLUSTER.connect().alterSinkConnectorOffset(name, new TopicPartition(topic, 0), 1L);

        assertThat(answer).contains("altered successfully").doesNotContain("manually");
        assertThat(CLUSTER.connect().connectorOffsets(name).offsets()).extracting(ConnectorOffset::offset)
                .extracting(committed -> ((Number) committed.get("kafka_offset")).longValue()).containsExactly(1L);
    }

    private void awaitCommitted(String connector, long offset) {
        await("the sink to commit offset " + offset).atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ConnectorOffsets offsets = CLUSTER.connect().connectorOffsets(connector);
            assertThat(offsets.offsets()).extracting(ConnectorOffset::offset)
                    .extracting(committed -> ((Number) committed.get("kafka_offset")).longValue())
                    .containsExactly(offset);
        });
    }
}
