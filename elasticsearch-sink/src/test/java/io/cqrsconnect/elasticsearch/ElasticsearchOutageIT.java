package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the cluster, which the task must ride out without failing and without losing a document:
 * Elasticsearch refusing writes with 429 for a while (only the refused items are sent again), and (the fault test)
 * the node going away for about 30 seconds in the middle of a stream and coming back, with the default retry
 * settings; the index ends with every document, each with the content of its last event.
 */
class ElasticsearchOutageIT {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final String TOPIC = "outage-orders";
    private static final String CONNECTOR = "outage-sink";
    private static final int DOCUMENTS = 400;

    @Test
    void theTaskSurvivesAThirtySecondOutageAndEveryDocumentArrives() throws Exception {
        CLUSTER.kafka().createTopic(TOPIC, 2);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", ES.httpUrl());
        config.put("connection.timeout.ms", "1000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("batch.size", "50");
        config.put("batch.flush.interval.ms", "100");
        CLUSTER.connect().configureConnector(CONNECTOR, config);
        CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1,
                "the sink did not start");

        for (int i = 0; i < DOCUMENTS / 2; i++) {
            produce(i, "before");
        }
        IndexContents index = new IndexContents(ES.client());
        await("the first documents to arrive").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> index.count(TOPIC) > 0);

        ES.stop();
        for (int i = DOCUMENTS / 2; i < DOCUMENTS; i++) {
            produce(i, "during");
        }
        // half of the documents get a second version while the node is down: the last event must win
        for (int i = 0; i < DOCUMENTS; i += 2) {
            produce(i, "updated");
        }
        await("the task to stay RUNNING through a 30 s outage").during(Duration.ofSeconds(30))
                .atMost(Duration.ofSeconds(40)).until(() -> taskState().equals("RUNNING"));
        ES.start();

        IndexContents restarted = new IndexContents(ES.client());
        // The count reaches 400 once the "during" documents land; the "updated" versions come later in the same
        // partitions, so the contents are awaited too, not read once.
        await("every document, in its last version, after the restart").atMost(Duration.ofSeconds(120))
                .ignoreExceptions().untilAsserted(() -> {
                    assertThat(restarted.count(TOPIC)).isEqualTo(DOCUMENTS);
                    Map<String, IndexContents.StoredDocument> documents = restarted.all(TOPIC);
                    for (int i = 0; i < DOCUMENTS; i++) {
                        String expected = i % 2 == 0 ? "updated" : i < DOCUMENTS / 2 ? "before" : "during";
                        assertThat(documents.get("order-" + i).source().get("phase").asText()).as("order-%s", i)
                                .isEqualTo(expected);
                        assertThat(documents.get("order-" + i).source().get("id").asInt()).isEqualTo(i);
                    }
                });
        assertThat(taskState()).isEqualTo("RUNNING");
        assertThat(TaskMetricsJmx.value(CONNECTOR, "retries-total")).as("retries counted").isPositive();
        CLUSTER.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void documentsRefusedWith429AreRetriedAloneUntilAccepted() throws Exception {
        String topic = "throttled-orders";
        String open = "open-orders";
        String connector = "throttled-sink";
        CLUSTER.kafka().createTopic(topic, 1);
        CLUSTER.kafka().createTopic(open, 1);
        // A flood-stage block: Elasticsearch answers each write into this index with 429, writes into the other
        // succeed. (This node's disk monitor lifts such blocks at its next run, so the block lasts seconds.)
        ES.client().indices().create(c -> c.index(topic));
        blockWrites(topic, true);
        for (int i = 0; i < 20; i++) {
            CLUSTER.kafka().produce(topic, "order-" + i, "{\"id\":" + i + "}");
            CLUSTER.kafka().produce(open, "order-" + i, "{\"id\":" + i + "}");
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic + "," + open);
        config.put("connection.url", ES.httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        // internal versions count the writes each document received; one lane mixes both topics in its requests
        config.put("version.mode", "none");
        config.put("batch.max.in.flight.requests", "1");
        config.put("retry.backoff.max.ms", "2000");
        config.put("max.retries", "100");
        CLUSTER.connect().configureConnector(connector, config);
        CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink did not start");

        await("429s to be retried").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> TaskMetricsJmx.value(connector, "retries-total") >= 20);
        blockWrites(topic, false);

        IndexContents index = new IndexContents(ES.client());
        await("every document of both topics").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(index.count(topic)).isEqualTo(20);
                    assertThat(index.count(open)).isEqualTo(20);
                });
        // the accepted documents were never sent again with the refused ones: each was written once
        assertThat(index.all(open).values()).extracting(IndexContents.StoredDocument::version).containsOnly(1L);
        assertThat(index.all(topic).values()).extracting(IndexContents.StoredDocument::version).containsOnly(1L);
        assertThat(CLUSTER.connect().connectorStatus(connector).tasks().get(0).state()).isEqualTo("RUNNING");
        assertThat(TaskMetricsJmx.value(connector, "documents-rejected-total")).isZero();
        CLUSTER.connect().deleteConnector(connector);
    }

    private static void blockWrites(String index, boolean blocked) throws Exception {
        restRequest("PUT", "/" + index + "/_settings",
                "{\"index.blocks.read_only_allow_delete\":" + (blocked ? "true" : "null") + "}");
    }

    private static void restRequest(String method, String path, String json) throws Exception {
        Request request = new Request(method, path);
        request.setJsonEntity(json);
        ((RestClientTransport) ES.client()._transport()).restClient().performRequest(request);
    }

    private static void produce(int id, String phase) {
        CLUSTER.kafka().produce(TOPIC, "order-" + id, "{\"id\":" + id + ",\"phase\":\"" + phase + "\"}");
    }

    private static String taskState() {
        return CLUSTER.connect().connectorStatus(CONNECTOR).tasks().get(0).state();
    }
}
