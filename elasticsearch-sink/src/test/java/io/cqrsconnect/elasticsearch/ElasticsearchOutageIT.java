package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault test: Elasticsearch goes away for about 30 seconds in the middle of a stream and comes back. The task
 * must ride it out with its default retry settings (never failing), and the index must end with every document,
 * each with the content of its last event.
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
        config.put("connection.urls", ES.httpUrl());
        config.put("connection.timeout.ms", "1000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("bulk.max.actions", "50");
        config.put("bulk.flush.interval.ms", "100");
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
        await("every document after the restart").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .untilAsserted(() -> assertThat(restarted.count(TOPIC)).isEqualTo(DOCUMENTS));
        Map<String, IndexContents.StoredDocument> documents = restarted.all(TOPIC);
        for (int i = 0; i < DOCUMENTS; i++) {
            String expected = i % 2 == 0 ? "updated" : i < DOCUMENTS / 2 ? "before" : "during";
            assertThat(documents.get("order-" + i).source().get("phase").asText()).as("order-%s", i)
                    .isEqualTo(expected);
            assertThat(documents.get("order-" + i).source().get("id").asInt()).isEqualTo(i);
        }
        assertThat(taskState()).isEqualTo("RUNNING");
        assertThat(TaskMetricsJmx.value(CONNECTOR, "retries-total")).as("retries counted").isPositive();
        CLUSTER.connect().deleteConnector(CONNECTOR);
    }

    private static void produce(int id, String phase) {
        CLUSTER.kafka().produce(TOPIC, "order-" + id, "{\"id\":" + id + ",\"phase\":\"" + phase + "\"}");
    }

    private static String taskState() {
        return CLUSTER.connect().connectorStatus(CONNECTOR).tasks().get(0).state();
    }
}
