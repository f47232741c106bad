package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import io.cqrsconnect.common.jdbc.SchemaSupport;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

/**
 * The DDL and routing half of the per-database contract ({@link JdbcSinkConnectorContract} runs it): tables in the
 * schema {@code table.name.format} names, with their read-model views.
 */
abstract class JdbcSinkDdlContract extends JdbcSinkClusterSupport {

    @Test
    void writesIntoTheSchemaTheTableNameFormatNamesAndNeverCreatesOne() throws InterruptedException {
        String topic = topic("placed.orders");
        String table = tableFor(topic);
        Map<String, String> config = sinkConfig(topic, true);
        config.put("version.mode", "field");
        config.put("version.field", "version");
        if (refusedWithoutSchemas(config)) {
            return;
        }
        String schema = createSchema("rm");
        // The same name in the connection's own schema: the connector must not write there.
        database().execute(dialect().sql().append("CREATE TABLE ").identifier(table).append(" (")
                .identifier("id").append(" BIGINT)").toString());
        config.put("table.name.format", schema + ".${topic}");
        start("schema", config);
        produce(topic, idKey(1), customer(1, "Ada", 2, 100, "London"));
        produce(topic, idKey(2), customer(2, "Grace", 1, 200, "Arlington"));
        produce(topic, idKey(1), customer(1, "older", 1, 1, "London"));
        produce(topic, idKey(3), customer(3, "Edsger", 1, 300, "Nuenen"));
        produce(topic, idKey(3), null);

        awaitRows(schema + "." + table, "id", rows -> {
            assertThat(rows).extracting(row -> row.get("name")).containsExactly("Ada", "Grace");
            assertThat(rows.get(1).get("address").replace(" ", "")).isEqualTo("{\"city\":\"Arlington\"}");
        });
        assertThat(rows(table, "id")).as("the table of the same name outside the schema").isEmpty();

        String lostTopic = topic("lost");
        String missingSchema = "no_such_schema_" + SEQUENCE.incrementAndGet();
        Map<String, String> lost = sinkConfig(lostTopic, true);
        lost.put("table.name.format", missingSchema + ".${topic}");
        String connector = start("lost-schema", lost);
        produce(lostTopic, idKey(1), customer(1, "Ada", 1, 100, "London"));
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(cluster.connect().connectorStatus(connector).tasks()).singleElement().satisfies(task -> {
                    assertThat(task.state()).isEqualTo("FAILED");
                    assertThat(task.trace()).contains("'" + missingSchema + "'").contains("does not exist")
                            .contains("table.name.format=" + missingSchema + ".${topic}").contains("offset 0");
                }));
        assertThat(schemaExists(missingSchema)).as("the connector never creates a schema").isFalse();
    }

    @Test
    void readModelGenerationsAndTheirViewLiveInTheSchemaOfTheFormat() throws Exception {
        String topic = topic("placed-catalog");
        Map<String, String> config = sinkConfig(topic, false);
        config.put("read.model.generation", "1");
        if (refusedWithoutSchemas(config)) {
            return;
        }
        String schema = createSchema("rmgen");
        String logical = schema + "." + tableFor(topic);
        config.put("table.name.format", schema + ".${topic}");
        start("schema-generation1", config);
        produce(topic, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
        awaitRows(logical, "id", rows -> assertThat(rows).extracting(row -> row.get("name")).containsExactly("a"));
        produce(topic, "{\"id\":2}", "{\"id\":2,\"name\":\"b\",\"price\":3}");
        awaitRows(logical, "id", rows -> assertThat(rows.get(1)).as("the view follows its table's new column")
                .containsEntry("price", "3"));
        assertThat(tableExists(tableFor(topic) + ReadModelGeneration.SEPARATOR + "1")).isFalse();
        assertThat(rows(tableFor(topic), "id")).as("no view outside the schema").isEmpty();

        Map<String, String> rebuild = new java.util.HashMap<>(config);
        rebuild.put("read.model.generation", "2");
        rebuild.put("fields.exclude", "price");
        start("schema-generation2", rebuild);
        ReadModelGeneration first = new ReadModelGeneration(logical, 1);
        ReadModelGeneration second = new ReadModelGeneration(logical, 2);
        awaitRows(second.physicalName(), "id", rows -> assertThat(rows).hasSize(2));
        try (Connection connection = database().connect()) {
            connection.setAutoCommit(false);
            JdbcViewSwitch views = new JdbcViewSwitch(dialect(), () -> connection);
            assertThat(views.current(logical)).contains(first);
            assertThat(views.generations(logical)).containsExactly(first, second);
            views.pointTo(second);
            assertThat(views.current(logical)).contains(second);
            assertThatThrownBy(() -> views.retire(second)).isInstanceOf(IllegalStateException.class);
            views.retire(first);
            assertThat(views.generations(logical)).containsExactly(second);
        }
        assertThat(rows(logical, "id")).hasSize(2).allSatisfy(row -> assertThat(row).doesNotContainKey("price"));
    }

    /**
     * On a database without schemas (SQLite), asserts that a format naming one is refused on
     * {@code table.name.format} when the connector is validated, and returns true; else returns false.
     */
    private boolean refusedWithoutSchemas(Map<String, String> config) {
        if (dialect().schemaSupport() != SchemaSupport.NONE) {
            return false;
        }
        Map<String, String> qualified = new java.util.HashMap<>(config);
        qualified.put("table.name.format", "readmodels.${topic}");
        ConfigInfos validation = cluster.connect().validateConnectorConfig(JdbcSinkConnector.class.getSimpleName(),
                qualified);
        assertThat(validation.configs()).filteredOn(info -> info.configValue().name().equals("table.name.format"))
                .singleElement().satisfies(info -> assertThat(info.configValue().errors()).singleElement()
                        .asString().contains("has no schemas"));
        return true;
    }
}
