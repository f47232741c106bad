package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC source as users run it: its plugin archive (with the JDBC drivers it ships) unpacked on the plugin.path of
 * a real worker process (isolated class loader, {@code service_load} discovery), checked and configured only through
 * the Connect REST API, capturing a table of the real PostgreSQL server into a topic, every record keyed.
 */
class JdbcSourceEndToEndIT {

    private static final String CONNECTOR_CLASS = "io.cqrsconnect.jdbc.source.JdbcSourceConnector";
    private static final String TOPIC = "e2e-src-orders";

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void thePackagedSourceIsDiscoveredValidatedAndCapturesKeyedRows() throws Exception {
        DATABASE.execute("CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, total NUMERIC(12,2) NOT NULL, "
                + "updated_at TIMESTAMP(6) NOT NULL DEFAULT LOCALTIMESTAMP)");
        for (int i = 1; i <= 50; i++) {
            DATABASE.execute("INSERT INTO orders (total) VALUES (" + i + ".25)");
        }
        Response plugins = stack.rest().get("/connector-plugins");
        JsonNode source = StreamSupport.stream(plugins.json().spliterator(), false)
                .filter(plugin -> plugin.get("class").asText().equals(CONNECTOR_CLASS)).findFirst().orElse(null);
        assertThat(source).as("the source among the worker's plugins: %s", plugins).isNotNull();
        assertThat(source.get("type").asText()).isEqualTo("source");

        Map<String, String> config = config();
        config.put("timestamp.column.name", "changed_at");
        Response invalid = stack.rest().put("/connector-plugins/JdbcSourceConnector/config/validate", config);
        assertThat(errorsOf(invalid.json(), "timestamp.column.name")).as(invalid.toString())
                .anyMatch(error -> error.contains("no column 'changed_at'"));
        Response valid = stack.rest().put("/connector-plugins/JdbcSourceConnector/config/validate", config());
        assertThat(valid.json().path("error_count").asInt(-1)).as(valid.toString()).isZero();

        Response created = stack.rest().put("/connectors/e2e-source/config", config());
        assertThat(created.isSuccess()).as(created.toString()).isTrue();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-source-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await("50 records").atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 50;
            });
            DATABASE.execute("UPDATE orders SET total = 999.99, updated_at = LOCALTIMESTAMP WHERE id = 7");
            await("the update").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 51;
            });
        }
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(records.get(0).key()).path("id").asLong()).isEqualTo(1L);
        ConsumerRecord<String, String> update = records.get(50);
        assertThat(json.readTree(update.key()).path("id").asLong()).isEqualTo(7L);
        assertThat(json.readTree(update.value()).path("total").asText()).isEqualTo("999.99");

        Response status = stack.rest().get("/connectors/e2e-source/status");
        assertThat(status.json().path("tasks").get(0).path("state").asText()).as(status.toString())
                .isEqualTo("RUNNING");
        assertThat(stack.rest().delete("/connectors/e2e-source").isSuccess()).isTrue();
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "e2e-source");
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("connection.password", DATABASE.password());
        config.put("mode", "timestamp_incrementing");
        config.put("timestamp.column.name", "updated_at");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", "orders");
        config.put("topic.prefix", "e2e-src-");
        config.put("poll.interval.ms", "200");
        config.put("db.timezone", java.time.ZoneId.systemDefault().getId());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("value.converter.decimal.format", "NUMERIC");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
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
}
