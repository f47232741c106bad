package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

/**
 * The DDL and routing half of the per-database contract ({@link JdbcSinkConnectorContract} runs it): tables in the
 * schema {@code table.name.format} names, with their read-model views; columns widened as fields widen; arrays of
 * primitives as native arrays where the database has them.
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

        Map<String, String> rebuild = new HashMap<>(config);
        rebuild.put("read.model.generation", "2");
        rebuild.put("field.exclude.list", "price");
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

    @Test
    void widensColumnsAsFieldsWidenUnderTheReadModelsViewAndStopsRatherThanLoseData() throws Exception {
        String topic = topic("widening");
        String logical = tableFor(topic);
        String physical = new ReadModelGeneration(logical, 1).physicalName();
        String dlq = topic + "-dlq";
        cluster.kafka().createTopic(dlq, 1);
        Map<String, String> config = sinkConfig(topic, true);
        config.put("read.model.generation", "1");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        String connector = start("widen", config);
        produce(topic, skuKey("a", 20), item("a", 20, "int32", 7, "float", "0.5", 6, 2, 123456, "first"));
        awaitRows(logical, "sku", rows -> assertThat(rows).hasSize(1));

        // Every field widens: a 300-character key, int64, double, DECIMAL(12,4), and the name becomes optional.
        produce(topic, skuKey("b".repeat(300), 300), item("b".repeat(300), 300, "int64", 9_000_000_000L, "double",
                "0.1", 12, 4, 123456781234L, null));
        produce(topic, skuKey("c", 300), item("c", 300, "int64", 3, "double", "0.25", 12, 4, 10000, "third"));
        boolean dynamic = dialect().schemaSupport() == SchemaSupport.NONE;
        awaitRows(logical, "sku", rows -> {
            assertThat(rows).extracting(row -> row.get("sku").substring(0, 1))
                    .containsExactlyElementsOf(dynamic ? List.of("a", "c") : List.of("a", "b", "c"));
            assertThat(rows.get(0)).containsEntry("amount", "7").containsEntry("name", "first");
            assertThat(new BigDecimal(rows.get(0).get("price"))).isEqualByComparingTo("1234.56");
            if (!dynamic) {
                assertThat(rows.get(1).get("sku")).hasSize(300);
                assertThat(rows.get(1)).containsEntry("amount", "9000000000").containsEntry("name", null);
                assertThat(Double.parseDouble(rows.get(1).get("ratio"))).isEqualTo(0.1d);
                assertThat(new BigDecimal(rows.get(1).get("price"))).isEqualByComparingTo("12345678.1234");
            }
        });
        try (Connection connection = database().connect()) {
            var table = dialect().describeTable(connection, TableId.of(physical))
                    .orElseThrow();
            if (dynamic) {
                assertThat(table.column("name").orElseThrow().nullable()).as("SQLite cannot relax NOT NULL").isFalse();
            } else {
                assertThat(table.column("amount").orElseThrow().jdbcType()).isEqualTo(Types.BIGINT);
                assertThat(table.column("ratio").orElseThrow().jdbcType()).isEqualTo(Types.DOUBLE);
                assertThat(table.column("price").orElseThrow().scale()).isEqualTo(4);
                assertThat(table.column("name").orElseThrow().nullable()).isTrue();
            }
        }
        if (dynamic) {
            var dead = cluster.kafka().consume(1, TIMEOUT.toMillis(), dlq);
            assertThat(dead).singleElement().satisfies(record -> assertThat(new String(record.headers()
                    .lastHeader("__connect.errors.exception.message").value(), StandardCharsets.UTF_8))
                    .contains("offset 1").contains("NOT NULL"));
        }

        // A fraction for the integer column: no widening holds it without loss.
        produce(topic, skuKey("d", 300), item("d", 300, "double", "1.5", "double", "1", 12, 4, 1, "fourth"));
        if (dynamic) {
            awaitRows(logical, "sku", rows -> assertThat(rows).last().satisfies(row ->
                    assertThat(Double.parseDouble(row.get("amount"))).as("SQLite keeps the fraction").isEqualTo(1.5)));
            return;
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(cluster.connect().connectorStatus(connector).tasks()).singleElement().satisfies(task -> {
                    assertThat(task.state()).isEqualTo("FAILED");
                    assertThat(task.trace()).contains("offset 3").contains("'" + physical + "'")
                            .contains("column 'amount' is").contains("FLOAT64").contains("rounds away")
                            .contains("auto.evolve");
                }));
        assertThat(rows(logical, "sku")).hasSize(3)
                .allSatisfy(row -> assertThat(row.get("amount")).doesNotContain("."));
    }

    @Test
    void writesArraysOfPrimitivesAsNativeArraysWhereTheDatabaseHasThemAndAnExistingColumnDecides()
            throws InterruptedException {
        String topic = topic("arrays");
        String table = tableFor(topic);
        start("arrays", sinkConfig(topic, true));
        produce(topic, idKey(1), arrays(1, "[\"red\",\"a,b {c}\",\"q\\\"uote\",\"NULL\",null]", "[1,-9000000000]",
                "[0.5,-1.25]", "[true,false]"));
        produce(topic, idKey(2), arrays(2, "[]", "null", "[]", "[null]"));
        awaitRows(table, "id", rows -> assertThat(rows).hasSize(2));
        assertThat(arrayColumnType(table, "counts")).as("native arrays where the database has them")
                .isEqualTo(nativeArrays());
        assertThat(elements(table, "tags", 1)).containsExactly("red", "a,b {c}", "q\"uote", "NULL", null);
        assertThat(elements(table, "counts", 1)).containsExactly("1", "-9000000000");
        assertThat(elements(table, "ratios", 1)).containsExactly("0.5", "-1.25");
        assertThat(elements(table, "flags", 1)).containsExactly("true", "false");
        assertThat(elements(table, "tags", 2)).isEmpty();
        assertThat(elements(table, "counts", 2)).isNull();
        assertThat(elements(table, "flags", 2)).containsExactly((String) null);

        // array.mode=json creates JSON columns; a connector in native mode then writes into them as JSON.
        String jsonTopic = topic("arrays-json");
        String jsonTable = tableFor(jsonTopic);
        Map<String, String> json = sinkConfig(jsonTopic, true);
        json.put("array.mode", "json");
        String jsonConnector = start("arrays-json", json);
        produce(jsonTopic, idKey(1), arrays(1, "[\"x\"]", "[1]", "[1.5]", "[true]"));
        awaitRows(jsonTable, "id", rows -> assertThat(rows).hasSize(1));
        cluster.connect().stopConnector(jsonConnector);
        cluster.connect().assertions().assertConnectorIsStopped(jsonConnector, "the connector did not stop");
        start("arrays-native-later", sinkConfig(jsonTopic, true));
        produce(jsonTopic, idKey(2), arrays(2, "[\"y\",null]", "[2]", "[2.5]", "[false]"));
        awaitRows(jsonTable, "id", rows -> assertThat(rows).hasSize(2));
        assertThat(arrayColumnType(jsonTable, "tags")).isFalse();
        assertThat(elements(jsonTable, "tags", 1)).containsExactly("x");
        assertThat(elements(jsonTable, "tags", 2)).containsExactly("y", null);
        assertThat(elements(jsonTable, "ratios", 2)).containsExactly("2.5");
    }

    private static String arrays(long id, String tags, String counts, String ratios, String flags) {
        String schema = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"tags\",\"type\":\"array\",\"optional\":true,"
                + "\"items\":{\"type\":\"string\",\"optional\":true}},"
                + "{\"field\":\"counts\",\"type\":\"array\",\"optional\":true,"
                + "\"items\":{\"type\":\"int64\",\"optional\":false}},"
                + "{\"field\":\"ratios\",\"type\":\"array\",\"optional\":true,"
                + "\"items\":{\"type\":\"double\",\"optional\":false}},"
                + "{\"field\":\"flags\",\"type\":\"array\",\"optional\":true,"
                + "\"items\":{\"type\":\"boolean\",\"optional\":true}}]}";
        return "{\"schema\":" + schema + ",\"payload\":{\"id\":" + id + ",\"tags\":" + tags + ",\"counts\":"
                + counts + ",\"ratios\":" + ratios + ",\"flags\":" + flags + "}}";
    }

    private boolean arrayColumnType(String table, String column) {
        try (Connection connection = database().connect()) {
            return dialect().describeTable(connection, TableId.parse(table)).orElseThrow().column(column)
                    .orElseThrow().jdbcType() == Types.ARRAY;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The elements of one array value as text, whether the column is a native array or JSON; null for NULL. */
    private List<String> elements(String table, String column, long id) {
        String sql = dialect().sql().append("SELECT ").identifier(column).append(" FROM ").table(stored(table))
                .append(" WHERE ").identifier("id").append(" = ").parameter().toString();
        try (Connection connection = database().connect(); var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (var result = statement.executeQuery()) {
                assertThat(result.next()).as("row " + id).isTrue();
                Object value = result.getObject(1);
                if (value == null) {
                    return null;
                }
                List<?> items = value instanceof Array array ? Arrays.asList((Object[]) array.getArray())
                        : JSON.readValue(result.getString(1), List.class);
                return items.stream().map(item -> item == null ? null : item.toString()).toList();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String skuKey(String sku, int length) {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":[" + skuField(length) + "]},"
                + "\"payload\":{\"sku\":\"" + sku + "\"}}";
    }

    private static String skuField(int length) {
        return "{\"field\":\"sku\",\"type\":\"string\",\"optional\":false,"
                + "\"parameters\":{\"__debezium.source.column.length\":\"" + length + "\"}}";
    }

    /** An item whose field types vary: amount and ratio by Connect type, price a decimal of the given size. */
    private static String item(String sku, int skuLength, String amountType, Object amount, String ratioType,
                               String ratio, int precision, int scale, long unscaledPrice, String name) {
        String price = Base64.getEncoder().encodeToString(BigInteger.valueOf(unscaledPrice)
                .toByteArray());
        String schema = "{\"type\":\"struct\",\"optional\":false,\"fields\":[" + skuField(skuLength) + ","
                + "{\"field\":\"amount\",\"type\":\"" + amountType + "\",\"optional\":false},"
                + "{\"field\":\"ratio\",\"type\":\"" + ratioType + "\",\"optional\":true},"
                + "{\"field\":\"price\",\"type\":\"bytes\",\"optional\":true,"
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"" + scale
                + "\",\"connect.decimal.precision\":\"" + precision + "\"}},"
                + "{\"field\":\"name\",\"type\":\"string\",\"optional\":" + (name == null) + "}]}";
        return "{\"schema\":" + schema + ",\"payload\":{\"sku\":\"" + sku + "\",\"amount\":" + amount
                + ",\"ratio\":" + ratio + ",\"price\":\"" + price + "\",\"name\":"
                + (name == null ? "null" : "\"" + name + "\"") + "}}";
    }

    /**
     * On a database without schemas (SQLite), asserts that a format naming one is refused on
     * {@code table.name.format} when the connector is validated, and returns true; else returns false.
     */
    private boolean refusedWithoutSchemas(Map<String, String> config) {
        return refusedWithoutSchemas(config, "table.name.format", "readmodels.${topic}");
    }

    /**
     * On a database without schemas (SQLite), asserts that {@code qualified}, a value naming a schema, is refused on
     * {@code key} when the connector is validated, and returns true; else returns false.
     */
    boolean refusedWithoutSchemas(Map<String, String> config, String key, String qualified) {
        if (dialect().schemaSupport() != SchemaSupport.NONE) {
            return false;
        }
        Map<String, String> withSchema = new HashMap<>(config);
        withSchema.put(key, qualified);
        ConfigInfos validation = cluster.connect().validateConnectorConfig(JdbcSinkConnector.class.getSimpleName(),
                withSchema);
        assertThat(validation.configs()).filteredOn(info -> info.configValue().name().equals(key))
                .singleElement().satisfies(info -> assertThat(info.configValue().errors()).singleElement()
                        .asString().contains("has no schemas"));
        return true;
    }
}
