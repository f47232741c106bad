package io.cqrsconnect.rebuild.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebuilds requested the way users request them, {@code curl} against a worker's {@code /read-models}: one runs to
 * the switch and reports its progress, a second request while one is under way is refused, a cancel drops the
 * partial generation and leaves the live model as it was.
 */
class ReadModelsRebuildIT {

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster()
            .withWorkerProperty("rest.extension.classes", ReadModelsRestExtension.class.getName());

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"total\",\"type\":\"int64\",\"optional\":false}]}";
    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\","
            + "\"type\":\"int64\",\"optional\":false}]}";

    private static ConnectRestClient rest;

    @BeforeAll
    static void connectToTheWorker() {
        rest = new ConnectRestClient(CLUSTER.connect().endpointForResource("").replaceAll("/$", ""));
    }

    @Test
    void aRebuildRunsToTheSwitchAndASecondRequestMeanwhileIsRefused() throws Exception {
        String topic = history("shipments", 2_000);
        startModel("shipments-model", topic, "shipments");

        ConnectRestClient.Response accepted = rest.post("/read-models/shipments-model/rebuild", "");
        ConnectRestClient.Response second = rest.post("/read-models/shipments-model/rebuild", "");

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        assertThat(accepted.json().path("coordinator").asText()).isEqualTo("shipments-model-rebuild");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("message").asText()).contains("under way");
        await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(rebuildOf("shipments-model")
                .path("state").asText()));
        JsonNode model = rest.get("/read-models/shipments-model").json();
        assertThat(model.path("serving_generation").asInt()).isEqualTo(2);
        assertThat(model.path("rebuild").path("records_total").asLong()).isEqualTo(2_000);
        assertThat(model.path("rebuild").path("percent").asDouble()).isEqualTo(100.0);
        assertThat(model.path("rebuild").path("partitions").get(0).path("target").asLong()).isEqualTo(2_000);
        assertThat(rows("shipments")).isEqualTo(100);
        ConnectRestClient.Response next = rest.post("/read-models/shipments-model/rebuild", "");
        assertThat(next.status()).as("a finished rebuild does not block the next one").isEqualTo(202);
        String requestedAt = next.json().path("requested_at").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> requestedAt.equals(rebuildOf("shipments-model")
                .path("started_at").asText()) && "DONE".equals(rebuildOf("shipments-model").path("state").asText()));
        assertThat(rest.get("/read-models/shipments-model").json().path("serving_generation").asInt()).isEqualTo(3);
    }

    @Test
    void aCancelDropsThePartialGenerationAndLeavesTheLiveModelServing() throws Exception {
        String topic = history("returns", 20_000);
        startModel("returns-model", topic, "returns");

        // one row per transaction: slow enough to cancel while generation 2 is being built
        assertThat(rest.post("/read-models/returns-model/rebuild", "{\"config\": {\"batch.size\": \"1\"}}")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "BUILDING".equals(rebuildOf("returns-model")
                .path("state").asText()) && tableExists("returns__g2"));
        ConnectRestClient.Response cancel = rest.delete("/read-models/returns-model/rebuild");

        assertThat(cancel.status()).as("%s", cancel).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(rebuildOf("returns-model")
                .path("state").asText()));
        assertThat(tableExists("returns__g2")).as("the partial generation is dropped").isFalse();
        assertThat(CLUSTER.connect().connectors()).doesNotContain("returns-model-rebuild-g2");
        assertThat(rest.get("/read-models/returns-model").json().path("serving_generation").asInt()).isEqualTo(1);
        assertThat(rows("returns")).isEqualTo(100);
        assertThat(rest.delete("/read-models/returns-model/rebuild").status()).as("nothing left to cancel")
                .isEqualTo(404);
    }

    private static JsonNode rebuildOf(String connector) {
        return rest.get("/read-models/" + connector).json().path("rebuild");
    }

    /** A topic holding {@code changes} changes of 100 keys. */
    private static String history(String name, int changes) {
        CLUSTER.kafka().createTopic(name, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < changes; i++) {
                long id = i % 100;
                producer.send(new ProducerRecord<>(name, "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id
                        + "}}", "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"total\":" + i
                        + "}}"));
            }
        }
        return name;
    }

    private static void startModel(String connector, String topic, String table) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("table.name.format", table);
        config.put("read.model.generation", "1");
        CLUSTER.connect().configureConnector(connector, config);
        await().atMost(Duration.ofSeconds(60)).until(() -> tableExists(table) && rows(table) == 100);
    }

    private static boolean tableExists(String table) throws SQLException {
        try (Connection connection = DATABASE.connect();
             ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private static long rows(String table) throws SQLException {
        try (Connection connection = DATABASE.connect();
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
            count.next();
            return count.getLong(1);
        }
    }
}
