package io.cqrsconnect.packaging.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.packaging.rebuild.ReadModelsApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart works end to end, as the README promises: our packaged sink plugins in a real worker process,
 * driven only through the REST API, keep both read models equal to the legacy table through inserts, updates and
 * deletes, and the rebuild the quickstart prints ({@code POST /read-models/orders-summary/rebuild}) gives the
 * relational read model a column it left out.
 */
class QuickstartIT {

    private static Quickstart quickstart;

    @BeforeAll
    static void start() throws Exception {
        quickstart = new Quickstart(Path.of(System.getProperty("cqrs.plugin.path"))).start();
    }

    @AfterAll
    static void stop() {
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    void readModelsFollowTheLegacyTable() throws Exception {
        long placed = quickstart.placeOrderAndWaitForReadModels();
        assertThat(quickstart.relationalStatus(placed)).isEqualTo("NEW");
        for (long snapshotted = 1; snapshotted <= 3; snapshotted++) {
            assertThat(quickstart.searchHasOrder(snapshotted)).as("order %d", snapshotted).isTrue();
        }
        assertThat(quickstart.relationalStatus(1)).isEqualTo("SHIPPED");
        // The relational read model's password is a config provider placeholder, as the README recommends.
        assertThat(quickstart.rest().get("/connectors/orders-summary/config").json().path("connection.password")
                .asText()).startsWith("${file:").endsWith("readmodels.properties:password}");

        try (Connection legacy = quickstart.legacy().connect(); Statement statement = legacy.createStatement()) {
            statement.execute("UPDATE orders SET status = 'PAID' WHERE id = " + placed);
            statement.execute("DELETE FROM orders WHERE id = 2");
        }
        await("update and delete reach both read models").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(quickstart.relationalStatus(placed)).isEqualTo("PAID");
                    assertThat(quickstart.relationalStatus(2)).isNull();
                    assertThat(quickstart.searchHasOrder(2)).isFalse();
                });
    }

    @Test
    void theRebuildItPrintsAddsAColumnToTheRelationalReadModel() throws Exception {
        long placed = quickstart.placeOrderAndWaitForReadModels();
        assertThat(quickstart.relationalColumn("placed_at", placed)).as("left out by the first generation").isNull();
        ReadModelsApi readModels = new ReadModelsApi(quickstart.rest().baseUrl());

        // the relational read model's password is a ${file:...} placeholder: the rebuild must reach the database too
        String requestedAt = readModels.rebuild("orders-summary", Quickstart.ADD_PLACED_AT, false);
        JsonNode model = readModels.awaitEnd("orders-summary", requestedAt, Duration.ofSeconds(120));

        assertThat(model.at("/rebuild/state").asText()).as("%s", model).isEqualTo("DONE");
        assertThat(model.path("serving_generation").asInt()).isEqualTo(2);
        // the coordinator got the resolved password; the worker stored its task config with the placeholder
        assertThat(quickstart.rest().get("/connectors/orders-summary-rebuild/tasks").json().path(0).path("config")
                .path("rebuild.live.connection.password").asText()).startsWith("${file:");
        assertThat(quickstart.relationalColumn("placed_at", placed)).as("the order's time, after the switch")
                .isNotNull();
        assertThat(quickstart.relationalStatus(placed)).isEqualTo("NEW");
        long next = quickstart.placeOrderAndWaitForReadModels();
        assertThat(quickstart.relationalColumn("placed_at", next)).as("the connector now runs with the new subset")
                .isNotNull();
    }
}
