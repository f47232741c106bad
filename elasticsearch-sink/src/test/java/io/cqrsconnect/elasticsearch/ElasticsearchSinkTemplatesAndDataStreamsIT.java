package io.cqrsconnect.elasticsearch;

import static io.cqrsconnect.elasticsearch.ConnectJson.longKey;
import static io.cqrsconnect.elasticsearch.ConnectJson.personRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where indices get their mappings and what the sink writes into, in a real Connect cluster against a real node: a
 * mapping the user gives (mapping.mode=custom), an index template the user installed (its settings and mappings win
 * over the sink's), and data streams (existing, created by their template on the first write, behind an alias).
 */
class ElasticsearchSinkTemplatesAndDataStreamsIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    /** Every data stream of these tests comes from this template. */
    private static final String STREAM_PATTERN = "app-logs-";

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    private void start(String topic, boolean schemas, Map<String, String> settings) throws InterruptedException {
        CLUSTER.kafka().createTopic(topic, 1);
        Map<String, String> config = sinkConfig(topic, schemas);
        config.putAll(settings);
        startConnector(topic + "-sink", config);
    }

    @Test
    void aCustomMappingAndItsSettingsAreWhatTheSinkCreatesTheIndexWith() throws Exception {
        String topic = "custom-mapped";
        start(topic, false, Map.of("mapping.mode", "custom", "mapping.custom.json", "{\"settings\": {\"index\": "
                + "{\"number_of_shards\": 2}}, \"mappings\": {\"dynamic\": \"false\", \"properties\": {"
                + "\"status\": {\"type\": \"keyword\"}, \"total\": {\"type\": \"double\"}}}}"));

        CLUSTER.kafka().produce(topic, "1", "{\"status\":\"open\",\"total\":3,\"note\":\"not mapped\"}");
        CLUSTER.kafka().produce(topic, "2", "{\"status\":\"paid\",\"total\":4}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(2));
        // dynamic mapping would have made status text+keyword, total long, and mapped note
        JsonNode mapping = rest("GET", "/" + topic + "/_mapping", null).path(topic).path("mappings");
        assertThat(mapping.path("dynamic").asText()).isEqualTo("false");
        assertThat(types(mapping)).containsExactlyEntriesOf(new TreeMap<>(Map.of("status", "keyword",
                "total", "double")));
        assertThat(index.source(topic, "1").get("note").asText()).isEqualTo("not mapped");
        JsonNode settings = settings(topic);
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("2");
        // the sink's own setting (versioning is on) joins the user's, which do not set it
        assertThat(settings.path("gc_deletes").asText()).isEqualTo("1h");
    }

    @Test
    void anIndexTemplateTheUserInstalledKeepsItsSettingsAndMappingsOverTheSinks() throws Exception {
        String topic = "templated-people";
        rest("PUT", "/_index_template/templated-people", "{\"index_patterns\": [\"templated-*\"], \"priority\": 5, "
                + "\"template\": {\"settings\": {\"index.gc_deletes\": \"10m\", \"index.number_of_shards\": 2}, "
                + "\"mappings\": {\"properties\": {\"city\": {\"type\": \"keyword\"}}}}}");
        // schema mode would map age as integer and city as text; versioning would make gc_deletes 1h
        start(topic, true, Map.of("mapping.mode", "schema"));

        CLUSTER.kafka().produce(topic, longKey(1), personRecord(1, "Ada", 36, "London"));

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(1));
        JsonNode mapping = rest("GET", "/" + topic + "/_mapping", null).path(topic).path("mappings");
        assertThat(types(mapping)).containsEntry("city", "keyword").containsEntry("age", "long")
                .containsEntry("name", "text");
        JsonNode settings = settings(topic);
        assertThat(settings.path("gc_deletes").asText()).isEqualTo("10m");
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("2");
    }

    @Test
    void aTemplateWithSettingsOnlyLeavesTheMappingToTheSinkAndTheSettingsItLacks() throws Exception {
        String topic = "sharded-people";
        rest("PUT", "/_index_template/sharded-people", "{\"index_patterns\": [\"sharded-*\"], \"priority\": 5, "
                + "\"template\": {\"settings\": {\"index\": {\"number_of_shards\": 3}}}}");
        start(topic, true, Map.of("mapping.mode", "schema", "mapping.keyword.fields", "city"));

        CLUSTER.kafka().produce(topic, longKey(1), personRecord(1, "Ada", 36, "London"));

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(1));
        JsonNode mapping = rest("GET", "/" + topic + "/_mapping", null).path(topic).path("mappings");
        assertThat(types(mapping)).containsEntry("city", "keyword").containsEntry("age", "long");
        JsonNode settings = settings(topic);
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("3");
        assertThat(settings.path("gc_deletes").asText()).isEqualTo("1h");
    }

    @Test
    void recordsAreAddedToAnExistingDataStreamWithTheirTimestamps() throws Exception {
        String stream = STREAM_PATTERN + "orders";
        installStreamTemplate();
        // a data stream comes to be when a first document is created under a name its template matches
        rest("POST", "/" + stream + "/_doc?op_type=create&refresh=true",
                "{\"@timestamp\": \"2026-01-01T00:00:00Z\", \"state\": \"seed\"}");
        assertThat(rest("GET", "/_resolve/index/" + stream, null).path("data_streams").size()).isEqualTo(1);
        start(stream, false, Map.of("version.mode", "none", "pk.mode", "kafka",
                "delete.enabled", "false"));

        Instant at = Instant.parse("2026-03-04T05:06:07.089Z");
        for (int i = 0; i < 4; i++) {
            produceAt(stream, Integer.toString(i), "{\"state\":\"created\",\"n\":" + i + "}", at.plusSeconds(i));
        }
        produceAt(stream, "4", "{\"state\":\"paid\",\"@timestamp\":\"2026-02-02T00:00:00Z\"}", at);
        produceAt(stream, "0", null, at);
        produceAt(stream, "5", "{\"state\":\"last\"}", at);

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(stream)).isEqualTo(7));
        Map<String, IndexContents.StoredDocument> all = index.all(stream);
        assertThat(all.get(stream + "|0|0").source().get("@timestamp").asText()).isEqualTo(at.toString());
        assertThat(all.get(stream + "|0|3").source().get("@timestamp").asText())
                .isEqualTo(at.plusSeconds(3).toString());
        assertThat(all.get(stream + "|0|3").source().get("n").asInt()).isEqualTo(3);
        // a document that has its own time keeps it
        assertThat(all.get(stream + "|0|4").source().get("@timestamp").asText()).isEqualTo("2026-02-02T00:00:00Z");
        // the tombstone (offset 5) was skipped, the record after it written
        assertThat(all).doesNotContainKey(stream + "|0|5").containsKey(stream + "|0|6");
        assertThat(all.values().stream().filter(d -> "seed".equals(d.source().path("state").asText()))).hasSize(1);
        // still one data stream with its backing index, not an index the sink made
        JsonNode resolved = rest("GET", "/_resolve/index/" + stream, null);
        assertThat(resolved.path("data_streams").get(0).path("name").asText()).isEqualTo(stream);
        assertThat(resolved.path("indices").size()).isZero();
    }

    @Test
    void aNameAStreamTemplateMatchesBecomesADataStreamAndVersionsThereFailTheTaskNamingTheSetting()
            throws Exception {
        String stream = STREAM_PATTERN + "versioned";
        installStreamTemplate();
        start(stream, false, Map.of());

        CLUSTER.kafka().produce(stream, "1", "{\"state\":\"created\"}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            var status = CLUSTER.connect().connectorStatus(stream + "-sink");
            assertThat(status.tasks().get(0).state()).isEqualTo("FAILED");
            assertThat(status.tasks().get(0).trace()).contains("'" + stream + "' is a data stream",
                    "version.mode=kafka_offset", "version.mode=none");
        });
        // nothing was written, and no index took the data stream's name
        assertThat(ES.client().indices().exists(e -> e.index(stream)).value()).isFalse();
    }

    @Test
    void throughAnAliasOfADataStreamDocumentsAreAddedAndADeleteGoesToTheDeadLetterQueue() throws Exception {
        String stream = STREAM_PATTERN + "aliased";
        String alias = "recent-app-logs";
        installStreamTemplate();
        rest("POST", "/" + stream + "/_doc?op_type=create&refresh=true", "{\"@timestamp\": \"2026-01-01T00:00:00Z\"}");
        rest("POST", "/_aliases", "{\"actions\": [{\"add\": {\"index\": \"" + stream + "\", \"alias\": \"" + alias
                + "\", \"is_write_index\": true}}]}");
        String deadLetters = alias + "-dlq";
        CLUSTER.kafka().createTopic(deadLetters, 1);
        start(alias, false, Map.of("version.mode", "none", "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", deadLetters,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        CLUSTER.kafka().produce(alias, "\"a\"", "{\"state\":\"created\"}");
        CLUSTER.kafka().produce(alias, "\"a\"", null);
        CLUSTER.kafka().produce(alias, "\"b\"", "{\"state\":\"created\"}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(index.all(stream).keySet()).contains("a", "b").hasSize(3));
        var dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters).iterator().next();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("\"a\"");
        assertThat(dead.value()).isNull();
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("'" + alias + "' is a data stream", "delete.enabled",
                "offset 1");
    }

    private void installStreamTemplate() throws Exception {
        rest("PUT", "/_index_template/app-logs", "{\"index_patterns\": [\"" + STREAM_PATTERN + "*\"], "
                + "\"priority\": 5, \"data_stream\": {}}");
    }

    private static void produceAt(String topic, String key, String value, Instant timestamp) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = CLUSTER.kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, 0, timestamp.toEpochMilli(),
                    key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static Map<String, String> types(JsonNode mappings) {
        Map<String, String> types = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : mappings.path("properties").properties()) {
            types.put(field.getKey(), field.getValue().path("type").asText());
        }
        return types;
    }

    private JsonNode settings(String index) throws Exception {
        return rest("GET", "/" + index + "/_settings", null).path(index).path("settings").path("index");
    }
}
