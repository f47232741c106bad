package io.cqrsconnect.rebuild.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import org.apache.kafka.connect.runtime.SampleSinkConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension loaded by a real Connect worker, asked through the worker's REST port as a user would: which
 * connectors are read models, and the JSON errors for what cannot be rebuilt.
 */
class ReadModelsExtensionIT {

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster()
            .withWorkerProperty("rest.extension.classes", ReadModelsRestExtension.class.getName());

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    private static ConnectRestClient rest;

    @BeforeAll
    static void createConnectors() {
        rest = new ConnectRestClient(CLUSTER.connect().endpointForResource("").replaceAll("/$", ""));
        CLUSTER.kafka().createTopic("orders", 1);
        Map<String, String> model = new HashMap<>();
        model.put("connector.class", JdbcSinkConnector.class.getName());
        model.put("tasks.max", "1");
        model.put("topics", "orders");
        model.put("connection.url", DATABASE.jdbcUrl());
        model.put("read.model.generation", "1");
        CLUSTER.connect().configureConnector("orders-model", model);
        CLUSTER.connect().configureConnector("other", Map.of("connector.class",
                SampleSinkConnector.class.getName(), "tasks.max", "1", "topics", "orders", "required", "yes"));
    }

    @Test
    void listsTheConnectorsThatWriteReadModelsWithTheirServingGeneration() {
        ConnectRestClient.Response response = rest.get("/read-models");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> models = StreamSupport.stream(response.json().spliterator(), false).toList();
        assertThat(models).extracting(model -> model.path("connector").asText()).containsExactly("orders-model");
        assertThat(models.get(0).path("serving_generation").asInt()).isEqualTo(1);
        assertThat(models.get(0).path("rebuild").isNull()).as("never rebuilt").isTrue();
    }

    @Test
    void showsOneReadModelAndAnswersJsonErrorsForOthers() {
        assertThat(rest.get("/read-models/orders-model").json().path("connector_class").asText())
                .isEqualTo(JdbcSinkConnector.class.getName());

        ConnectRestClient.Response unknown = rest.get("/read-models/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains("no connector 'nope'");

        ConnectRestClient.Response other = rest.post("/read-models/other/rebuild", "");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("message").asText()).contains(SampleSinkConnector.class.getName(),
                "only the read models of cqrs-connect's sinks");
    }

    @Test
    void refusesRebuildBodiesThatAreNotAConfigOrChangeWhatARebuildKeeps() {
        assertThat(rest.post("/read-models/orders-model/rebuild", "{\"config\": [1]}").json().path("message")
                .asText()).contains("JSON object");
        assertThat(rest.post("/read-models/orders-model/rebuild", "{\"settings\": {}}").status()).isEqualTo(400);
        ConnectRestClient.Response generation = rest.post("/read-models/orders-model/rebuild",
                "{\"config\": {\"read.model.generation\": \"5\"}}");
        assertThat(generation.status()).isEqualTo(400);
        assertThat(generation.json().path("message").asText()).contains("cannot change in a rebuild");
        assertThat(CLUSTER.connect().connectors()).doesNotContain("orders-model-rebuild");
    }

    @Test
    void aCancelWithNoRebuildUnderWayIsNotFound() {
        ConnectRestClient.Response response = rest.delete("/read-models/orders-model/rebuild");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("message").asText()).contains("No rebuild of 'orders-model'");
    }
}
