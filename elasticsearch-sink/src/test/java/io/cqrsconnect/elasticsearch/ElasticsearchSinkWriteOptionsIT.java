package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Write options in a real Connect cluster against a real node: routing, ingest pipeline, versions from a header,
 * index names from value fields and dates, the guard against mapping explosion, the window in which deleted documents
 * stay deleted under replay (index.gc.deletes), at runtime and in validation.
 */
class ElasticsearchSinkWriteOptionsIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final String PROBE = "gc-probe";

    private String connector;

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    private Map<String, String> start(String topic, Map<String, String> settings) throws InterruptedException {
        CLUSTER.kafka().createTopic(topic, 1);
        Map<String, String> config = config(topic, settings);
        connector = startConnector(topic + "-sink", config);
        return config;
    }

    /** Schemaless JSON keys and values with the test's settings. */
    private Map<String, String> config(String topic, Map<String, String> settings) {
        Map<String, String> config = sinkConfig(topic, false);
        config.putAll(settings);
        return config;
    }

    @Test
    void documentsAreRoutedByAFieldAndTombstonesByTheSameFieldOfTheirKey() throws Exception {
        String topic = "routed-orders";
        start(topic, Map.of("document.routing.field", "tenant"));

        CLUSTER.kafka().produce(topic, "{\"tenant\":\"acme\",\"number\":1}", "{\"tenant\":\"acme\",\"total\":3}");
        CLUSTER.kafka().produce(topic, "{\"tenant\":\"zeta\",\"number\":2}", "{\"tenant\":\"zeta\",\"total\":4}");

        String acme = "number=1|tenant=acme";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            GetResponse<ObjectNode> stored = ES.client().get(g -> g.index(topic).id(acme).routing("acme"),
                    ObjectNode.class);
            assertThat(stored.found()).isTrue();
            assertThat(stored.routing()).isEqualTo("acme");
        });

        CLUSTER.kafka().produce(topic, "{\"tenant\":\"acme\",\"number\":1}", null);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                ES.client().get(g -> g.index(topic).id(acme).routing("acme"), ObjectNode.class).found()).isFalse());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(ES.client()
                .get(g -> g.index(topic).id("number=2|tenant=zeta").routing("zeta"), ObjectNode.class).routing())
                .isEqualTo("zeta"));
    }

    @Test
    void everyIndexedDocumentGoesThroughTheIngestPipeline() throws Exception {
        String topic = "piped-orders";
        // this distribution ships no processors (no ingest-common module): an empty pipeline still runs and is counted
        rest("PUT", "/_ingest/pipeline/orders-pipeline", "{\"description\":\"counted\",\"processors\":[]}");
        start(topic, Map.of("ingest.pipeline", "orders-pipeline"));

        for (int i = 0; i < 5; i++) {
            CLUSTER.kafka().produce(topic, "{\"id\":" + i + "}", "{\"id\":" + i + "}");
        }

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(5));
        JsonNode stats = rest("GET", "/_nodes/stats/ingest", null);
        long processed = 0;
        long ingestedBytes = 0;
        for (JsonNode node : stats.path("nodes")) {
            // a pipeline without processors is not counted on its own, but the node counts the documents it ran
            processed += node.path("ingest").path("total").path("count").asLong();
            ingestedBytes += node.path("ingest").path("pipelines").path("orders-pipeline")
                    .path("ingested_as_first_pipeline_in_bytes").asLong();
        }
        assertThat(processed).isEqualTo(5);
        assertThat(ingestedBytes).isPositive();
    }

    @Test
    void versionsFromAHeaderKeepTheNewestDocumentWhateverTheArrivalOrder() throws Exception {
        String topic = "header-versioned";
        start(topic, Map.of("version.mode", "header", "version.header", "row-version"));

        produceWithVersion(topic, "7", "{\"state\":\"shipped\"}", 30);
        produceWithVersion(topic, "7", "{\"state\":\"created\"}", 10);
        produceWithVersion(topic, "8", "{\"state\":\"created\"}", 5);
        produceWithVersion(topic, "8", null, 6);

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Map<String, IndexContents.StoredDocument> all = index.all(topic);
            assertThat(all).containsOnlyKeys("7");
            assertThat(all.get("7").source().get("state").asText()).isEqualTo("shipped");
            assertThat(all.get("7").version()).isEqualTo(30L);
        });
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(TaskMetricsJmx.value(connector, "version-conflicts-total")).isEqualTo(1.0));
    }

    @Test
    void indexNamesComeFromAValueFieldAndADateField() throws Exception {
        String topic = "dated-orders";
        start(topic, Map.of("index.name.format", "${topic}-${value.region}-${value.created:yyyy-MM}"));

        CLUSTER.kafka().produce(topic, "1", "{\"region\":\"EU\",\"created\":\"2026-01-15T10:00:00Z\"}");
        CLUSTER.kafka().produce(topic, "2", "{\"region\":\"EU\",\"created\":\"2026-02-01T00:00:00Z\"}");
        CLUSTER.kafka().produce(topic, "3", "{\"region\":\"US\",\"created\":\"2026-01-31T23:59:59Z\"}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(index.all(topic + "-eu-2026-01").keySet()).containsExactly("1");
            assertThat(index.all(topic + "-eu-2026-02").keySet()).containsExactly("2");
            assertThat(index.all(topic + "-us-2026-01").keySet()).containsExactly("3");
        });
    }

    @Test
    void theFieldsLimitStopsAMappingExplosionAndTheOffendingDocumentGoesToTheDeadLetterQueue() throws Exception {
        String topic = "exploding-events";
        String deadLetters = topic + "-dlq";
        CLUSTER.kafka().createTopic(deadLetters, 1);
        start(topic, Map.of("mapping.total.fields.limit", "4", "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", deadLetters,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        CLUSTER.kafka().produce(topic, "1", "{\"a\":1}");
        CLUSTER.kafka().produce(topic, "2", "{\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,\"k5\":1,\"k6\":1}");
        CLUSTER.kafka().produce(topic, "3", "{\"a\":3}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.all(topic).keySet()).containsExactly("1", "3"));
        JsonNode settings = rest("GET", "/" + topic + "/_settings", null);
        assertThat(settings.path(topic).path("settings").path("index").path("mapping").path("total_fields")
                .path("limit").asText()).isEqualTo("4");
        var dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters).iterator().next();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("total fields", "behavior.on.malformed.documents");
    }

    @Test
    void aReplayedOlderEventRecreatesADeletedDocumentOnceAShortDeletedVersionsWindowHasPassed() throws Exception {
        String topic = "short-gc-deletes";
        start(topic, Map.of("version.mode", "header", "version.header", "row-version",
                "index.gc.deletes", "1s"));
        createThenDelete(topic);
        assertThat(gcDeletesOf(topic)).isEqualTo("1s");

        // the probe is deleted after the document, in the same shard: once Elasticsearch accepts the probe's older
        // version again, it has forgotten the document's delete too
        writeVersioned(topic, PROBE, 1);
        deleteVersioned(topic, PROBE, 2);
        await("the 1s window to forget the probe's delete").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> writeVersioned(topic, PROBE, 1));

        produceWithVersion(topic, "1", "{\"state\":\"created\"}", 1);

        // the risk is real: the delete is forgotten, the replayed creation brings the document back
        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).untilAsserted(() -> assertThat(index.source(topic, "1")).isNotNull());
        assertThat(index.all(topic).get("1").version()).isEqualTo(1L);
    }

    @Test
    void aReplayedOlderEventLeavesADeletedDocumentDeletedWhileTheSinksWindowKeepsTheDelete() throws Exception {
        String topic = "long-gc-deletes";
        start(topic, Map.of("version.mode", "header", "version.header", "row-version",
                "index.gc.deletes", "1h"));
        createThenDelete(topic);
        assertThat(gcDeletesOf(topic)).isEqualTo("1h");

        // three times the short window: its delete would be forgotten by now, this one is still remembered
        writeVersioned(topic, PROBE, 1);
        deleteVersioned(topic, PROBE, 2);
        // once an older write got through, the probe exists and the condition stays false: it cannot recover
        IndexContents index = new IndexContents(ES.client());
        await("the probe's delete to be remembered for 3s").during(Duration.ofSeconds(3)).atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !writeVersioned(topic, PROBE, 1) && index.source(topic, PROBE) == null);

        produceWithVersion(topic, "1", "{\"state\":\"created\"}", 1);

        await("the replayed event to be refused as older").atMost(WAIT).untilAsserted(() ->
                assertThat(TaskMetricsJmx.value(connector, "version-conflicts-total")).isEqualTo(1.0));
        assertThat(index.source(topic, "1")).isNull();
        assertThat(index.all(topic)).isEmpty();
    }

    @Test
    void anExistingIndexThatForgetsDeletesSoonerThanTheSinksWindowIsReportedOnce() throws Exception {
        String topic = "existing-short-gc-deletes";
        try (CapturedWarnings warnings = CapturedWarnings.of(
                "io.cqrsconnect.elasticsearch.mapping.DeletedVersionsWindowCheck")) {
            start(topic, Map.of());
            // created after validation (which would have refused it), before the sink's first write
            rest("PUT", "/" + topic, "{\"settings\":{\"index.gc_deletes\":\"5s\"}}");
            CLUSTER.kafka().produce(topic, "1", "{\"state\":\"created\"}");
            CLUSTER.kafka().produce(topic, "2", "{\"state\":\"created\"}");
            CLUSTER.kafka().produce(topic, "1", null);

            IndexContents index = new IndexContents(ES.client());
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(TaskMetricsJmx.value(connector, "documents-deleted-total")).isEqualTo(1.0));
            assertThat(index.all(topic).keySet()).containsExactly("2");
            assertThat(warnings.messages()).hasSize(1);
            assertThat(warnings.messages().get(0)).contains("'" + topic + "'", "index.gc_deletes=5s",
                    "index.gc.deletes=1h", "recreates the deleted document");
        }
        // an index the sink did not create keeps its settings
        assertThat(gcDeletesOf(topic)).isEqualTo("5s");
    }

    @Test
    void validationReportsAnExistingTargetIndexThatForgetsDeletesSoonerOnTheGcDeletesSetting() throws Exception {
        String topic = "validated-short-gc-deletes";
        rest("PUT", "/" + topic, "{\"settings\":{\"index.gc_deletes\":\"5s\"}}");

        Map<String, List<String>> errors = validationErrors(config(topic, Map.of()));

        assertThat(errors).containsOnlyKeys("index.gc.deletes");
        assertThat(errors.get("index.gc.deletes")).singleElement().asString().contains("'" + topic + "'",
                "index.gc_deletes=5s", "index.gc.deletes=1h", "recreates the deleted document",
                "PUT /" + topic + "/_settings {\"index.gc_deletes\": \"1h\"}", "set index.gc.deletes to 5s");
        // either way out the message names clears it: accepting the shorter window...
        assertThat(validationErrors(config(topic, Map.of("index.gc.deletes", "5s")))).isEmpty();
        // ...or raising the index's own
        rest("PUT", "/" + topic + "/_settings", "{\"index.gc_deletes\":\"1h\"}");
        assertThat(validationErrors(config(topic, Map.of()))).isEmpty();
    }

    @Test
    void validationLooksOnlyAtTargetsKnownWithoutARecordAndOnlyWithVersions() throws Exception {
        String topic = "unknowable-gc-deletes";
        rest("PUT", "/" + topic, "{\"settings\":{\"index.gc_deletes\":\"5s\"}}");
        rest("PUT", "/" + topic + "-eu", "{\"settings\":{\"index.gc_deletes\":\"5s\"}}");

        // without versions the sink relies on no deleted-versions window
        assertThat(validationErrors(config(topic, Map.of("version.mode", "none")))).isEmpty();
        // which index a record goes to is known only from its value: the task warns when it gets there
        assertThat(validationErrors(config(topic, Map.of("index.name.format", "${topic}-${value.region}"))))
                .isEmpty();
        // a generation's index is what the sink writes to, not the logical name
        assertThat(validationErrors(config(topic, Map.of("read.model.generation", "1")))).isEmpty();
        rest("PUT", "/" + topic + "__g1", "{\"settings\":{\"index.gc_deletes\":\"5s\"}}");
        assertThat(validationErrors(config(topic, Map.of("read.model.generation", "1"))))
                .containsOnlyKeys("index.gc.deletes");
    }

    private Map<String, List<String>> validationErrors(Map<String, String> config) {
        config.put("name", "validated-sink");
        return errors(validate(config));
    }

    private void createThenDelete(String topic) throws Exception {
        produceWithVersion(topic, "1", "{\"state\":\"created\"}", 1);
        produceWithVersion(topic, "1", null, 2);
        await("the delete to be acknowledged").atMost(WAIT).untilAsserted(() ->
                assertThat(TaskMetricsJmx.value(connector, "documents-deleted-total")).isEqualTo(1.0));
        assertThat(new IndexContents(ES.client()).source(topic, "1")).isNull();
    }

    private String gcDeletesOf(String index) throws Exception {
        return rest("GET", "/" + index + "/_settings", null).path(index).path("settings").path("index")
                .path("gc_deletes").asText();
    }

    /** Writes a probe document with an external version: true when written, false when refused as older. */
    private boolean writeVersioned(String index, String id, long version) throws Exception {
        return versioned("PUT", index, id, version, "{\"probe\":true}");
    }

    private void deleteVersioned(String index, String id, long version) throws Exception {
        assertThat(versioned("DELETE", index, id, version, null)).as("deleting the probe").isTrue();
    }

    private boolean versioned(String method, String index, String id, long version, String json)
            throws Exception {
        Request request = new Request(method, "/" + index + "/_doc/" + id);
        request.addParameter("version", Long.toString(version));
        request.addParameter("version_type", "external");
        if (json != null) {
            request.setJsonEntity(json);
        }
        try {
            restClient().performRequest(request);
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static void produceWithVersion(String topic, String key, String value, long version) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = CLUSTER.kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                    List.of(new RecordHeader("row-version", Long.toString(version).getBytes(StandardCharsets.UTF_8)))))
                    .get();
        }
    }
}
