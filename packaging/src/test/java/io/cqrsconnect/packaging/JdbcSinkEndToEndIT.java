package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.db.PostgresDatabase;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC sink as users run it: its plugin archive (with the JDBC drivers it ships) unpacked on the plugin.path of a
 * real worker process (isolated class loader, {@code service_load} discovery), configured and checked only through
 * the Connect REST API, writing into the real PostgreSQL server.
 */
class JdbcSinkEndToEndIT {

    private static final String CONNECTOR_CLASS = "io.cqrsconnect.jdbc.sink.JdbcSinkConnector";
    private static final String TOPIC = "e2e-customers";

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
    void thePackagedSinkIsDiscoveredValidatedAndUpsertsAndDeletesRows() throws Exception {
        Response plugins = stack.rest().get("/connector-plugins");
        JsonNode sink = StreamSupport.stream(plugins.json().spliterator(), false)
                .filter(plugin -> plugin.get("class").asText().equals(CONNECTOR_CLASS)).findFirst().orElse(null);
        assertThat(sink).as("the sink among the worker's plugins: %s", plugins).isNotNull();
        assertThat(sink.get("type").asText()).isEqualTo("sink");
        assertThat(sink.get("version").asText()).isNotBlank().isNotEqualTo("unknown");

        Map<String, String> config = config();
        config.put("connection.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        Response invalid = stack.rest().put("/connector-plugins/JdbcSinkConnector/config/validate", config);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(200);
        assertThat(errorsOf(invalid.json(), "connection.url")).as(invalid.toString())
                .anyMatch(error -> error.contains("cannot connect"));
        Response valid = stack.rest().put("/connector-plugins/JdbcSinkConnector/config/validate", config());
        assertThat(valid.json().path("error_count").asInt(-1)).as(valid.toString()).isZero();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "{\"id\":" + i + "}", "{\"id\":" + i + ",\"name\":\"c" + i
                        + "\",\"address\":{\"city\":\"Bern\"}}"));
            }
            producer.flush();
            Response created = stack.rest().put("/connectors/e2e-jdbc/config", config());
            assertThat(created.isSuccess()).as(created.toString()).isTrue();
            await("100 rows").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> query("SELECT count(*) FROM e2e_customers").equals("100"));

            producer.send(new ProducerRecord<>(TOPIC, "{\"id\":7}", null));
            producer.send(new ProducerRecord<>(TOPIC, "{\"id\":8}", "{\"id\":8,\"name\":\"renamed\","
                    + "\"address\":{\"city\":\"Basel\"}}"));
            producer.flush();
        }
        await("the tombstone to delete 7 and the update to reach 8").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().untilAsserted(() -> {
                    assertThat(query("SELECT count(*) FROM e2e_customers")).isEqualTo("99");
                    assertThat(query("SELECT name || ' ' || (address->>'city') FROM e2e_customers WHERE id = 8"))
                            .isEqualTo("renamed Basel");
                });

        Response status = stack.rest().get("/connectors/e2e-jdbc/status");
        assertThat(status.json().path("tasks").get(0).path("state").asText()).as(status.toString())
                .isEqualTo("RUNNING");
        assertThat(stack.rest().delete("/connectors/e2e-jdbc").isSuccess()).isTrue();
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "e2e-jdbc");
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "2");
        config.put("topics", TOPIC);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("connection.password", DATABASE.password());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
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

    private static String query(String sql) throws Exception {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
