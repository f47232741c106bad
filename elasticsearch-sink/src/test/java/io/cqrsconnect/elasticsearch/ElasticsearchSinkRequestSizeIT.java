package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.metrics.TaskMetricsJmx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request sizes in a real Connect cluster against a real node that accepts at most 64 KiB per request
 * ({@code http.max_content_length}): batches larger than that are written in requests that fit; a document no
 * request can carry goes to the dead-letter queue with its size, the limit and the settings, or fails the task
 * naming the record; a document larger than {@code batch.max.bytes} but within the node's limit is sent alone.
 */
class ElasticsearchSinkRequestSizeIT {

    private static final int LIMIT = SmallRequestNode.MAX_CONTENT_LENGTH;

    @RegisterExtension
    static final ElasticsearchNode ES = SmallRequestNode.NODE;

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String topic;
    private String connector;
    private IndexContents index;

    @BeforeEach
    void topicPerTest(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-" + System.nanoTime() % 100_000;
        CLUSTER.kafka().createTopic(topic, 1);
        index = new IndexContents(ES.client());
    }

    @AfterEach
    void deleteConnector() {
        if (connector != null) {
            CLUSTER.connect().deleteConnector(connector);
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", ES.httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private Map<String, String> withDeadLetterQueue(Map<String, String> config, String deadLetters) {
        CLUSTER.kafka().createTopic(deadLetters, 1);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetters);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    private void start(Map<String, String> config) throws InterruptedException {
        connector = topic + "-sink";
        CLUSTER.connect().configureConnector(connector, config);
        CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink did not start");
    }

    private void produce(int number, int textLength) {
        CLUSTER.kafka().produce(topic, Integer.toString(number),
                "{\"number\":" + number + ",\"text\":\"" + "x".repeat(textLength) + "\"}");
    }

    private void assertStored(int number, int textLength) {
        var source = index.source(topic, Integer.toString(number));
        assertThat(source).as("document %s", number).isNotNull();
        assertThat(source.get("number").asInt()).isEqualTo(number);
        assertThat(source.get("text").asText()).hasSize(textLength);
    }

    @Test
    void aDocumentLargerThanTheNodeAcceptsGoesToTheDeadLetterQueueAndTheRestIsWritten() throws Exception {
        assertThat(nodeRequestLimit()).as("the fixture's setting reached the node").isEqualTo(LIMIT);
        String deadLetters = topic + "-dlq";
        Map<String, String> config = withDeadLetterQueue(config(), deadLetters);
        // the default batch.max.bytes (5 MB) is far above the node's limit: batches collect for a second
        config.put("batch.flush.interval.ms", "1000");
        start(config);

        for (int i = 0; i < 60; i++) {
            produce(i, i == 30 ? 4 * LIMIT : 4_000);
        }

        await("every document but the oversized one").atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(59));
        for (int i = 0; i < 60; i++) {
            if (i != 30) {
                assertStored(i, 4_000);
            }
        }
        assertThat(index.source(topic, "30")).isNull();
        ConsumerRecord<byte[], byte[]> dead = CLUSTER.kafka().consume(1, WAIT.toMillis(), deadLetters).iterator()
                .next();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("30");
        assertThat(dead.value().length).isGreaterThan(4 * LIMIT);
        assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8)).contains("offset 30", "too large", "more than the " + LIMIT + " bytes",
                "http.max_content_length", "batch.max.bytes", "behavior.on.malformed.documents");
        assertThat(TaskMetricsJmx.value(connector, "documents-rejected-total")).isEqualTo(1.0);
        assertThat(CLUSTER.connect().connectorStatus(connector).tasks().get(0).state()).isEqualTo("RUNNING");
    }

    @Test
    void withoutADeadLetterQueueADocumentTooLargeFailsTheTaskNamingTheRecordAndTheSetting() throws Exception {
        start(config());
        for (int i = 0; i < 3; i++) {
            produce(i, 100);
        }
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(3));

        produce(3, 2 * LIMIT);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            var status = CLUSTER.connect().connectorStatus(connector);
            assertThat(status.tasks().get(0).state()).isEqualTo("FAILED");
            assertThat(status.tasks().get(0).trace()).contains("topic '" + topic + "' partition 0 offset 3",
                    "too large", LIMIT + " bytes", "http.max_content_length", "behavior.on.malformed.documents",
                    "errors.tolerance=all");
        });
        assertThat(index.count(topic)).isEqualTo(3);
    }

    @Test
    void aDocumentLargerThanBulkMaxBytesButWithinTheNodesLimitIsSentAloneAndWritten() throws Exception {
        Map<String, String> config = config();
        config.put("batch.max.bytes", "4096");
        config.put("batch.flush.interval.ms", "500");
        start(config);

        for (int i = 0; i < 20; i++) {
            produce(i, i == 10 ? 40_000 : 500);
        }

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(index.count(topic)).isEqualTo(20));
        for (int i = 0; i < 20; i++) {
            assertStored(i, i == 10 ? 40_000 : 500);
        }
        assertThat(TaskMetricsJmx.value(connector, "documents-rejected-total")).isZero();
        assertThat(TaskMetricsJmx.value(connector, "retries-total")).isZero();
    }

    private static long nodeRequestLimit() throws Exception {
        RestClient rest = ((RestClientTransport) ES.client()._transport()).restClient();
        JsonNode nodes = JSON.readTree(rest.performRequest(new Request("GET", "/_nodes/http")).getEntity()
                .getContent()).path("nodes");
        return nodes.elements().next().path("http").path("max_content_length_in_bytes").asLong();
    }
}
