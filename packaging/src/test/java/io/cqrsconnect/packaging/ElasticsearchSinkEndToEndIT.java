package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch sink as users run it: its plugin archive unpacked on the plugin.path of a real worker process
 * (isolated class loader, {@code service_load} discovery), configured and checked only through the Connect REST API,
 * writing into a real Elasticsearch node.
 */
class ElasticsearchSinkEndToEndIT {

    private static final String CONNECTOR_CLASS = "io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector";
    private static final String TOPIC = "e2e-people";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static ElasticsearchNode elasticsearch;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        elasticsearch = ElasticsearchNode.shared().start(); // the JVM's shared node: never closed here
        stack = LocalStack.builder().build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void thePackagedSinkIsDiscoveredValidatedAndWritesIndexesAndDeletes() throws Exception {
        Response plugins = stack.rest().get("/connector-plugins");
        JsonNode sink = StreamSupport.stream(plugins.json().spliterator(), false)
                .filter(plugin -> plugin.get("class").asText().equals(CONNECTOR_CLASS)).findFirst().orElse(null);
        assertThat(sink).as("the sink among the worker's plugins: %s", plugins).isNotNull();
        assertThat(sink.get("type").asText()).isEqualTo("sink");
        assertThat(sink.get("version").asText()).isNotBlank().isNotEqualTo("unknown");

        Map<String, String> config = config();
        config.put("connection.url", "http://127.0.0.1:1");
        Response invalid = stack.rest().put("/connector-plugins/ElasticsearchSinkConnector/config/validate", config);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(200);
        assertThat(errorsOf(invalid.json(), "connection.url")).as(invalid.toString())
                .anyMatch(error -> error.contains("cannot be reached"));

        createTopic();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "person-" + i, "{\"id\":" + i + ",\"name\":\"p" + i
                        + "\"}"));
            }
            producer.flush();
            Response created = stack.rest().put("/connectors/e2e-es/config", config());
            assertThat(created.isSuccess()).as(created.toString()).isTrue();
            await("100 documents").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> count() == 100);

            producer.send(new ProducerRecord<>(TOPIC, "person-7", null));
            producer.send(new ProducerRecord<>(TOPIC, "person-8", "{\"id\":8,\"name\":\"renamed\"}"));
            producer.flush();
        }
        await("the tombstone to delete person-7 and the update to reach person-8").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().untilAsserted(() -> {
                    assertThat(count()).isEqualTo(99);
                    assertThat(get("person-8").path("_source").path("name").asText()).isEqualTo("renamed");
                });
        assertThat(get("person-7").path("found").asBoolean(true)).isFalse();

        Response status = stack.rest().get("/connectors/e2e-es/status");
        assertThat(status.json().path("tasks").get(0).path("state").asText()).as(status.toString())
                .isEqualTo("RUNNING");
        assertThat(stack.rest().delete("/connectors/e2e-es").isSuccess()).isTrue();
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "e2e-es");
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", elasticsearch.httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("batch.flush.interval.ms", "200");
        return config;
    }

    private static List<String> errorsOf(JsonNode validation, String key) {
        for (JsonNode entry : validation.path("configs")) {
            JsonNode value = entry.path("value");
            if (value.path("name").asText().equals(key)) {
                return StreamSupport.stream(value.path("errors").spliterator(), false).map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }

    private static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    private long count() throws Exception {
        request("POST", "/" + TOPIC + "/_refresh");
        return request("GET", "/" + TOPIC + "/_count").path("count").asLong(-1);
    }

    private JsonNode get(String id) throws Exception {
        return request("GET", "/" + TOPIC + "/_doc/" + id);
    }

    private JsonNode request(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
