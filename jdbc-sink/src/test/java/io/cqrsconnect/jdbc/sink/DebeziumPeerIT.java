package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.EmbeddedPostgresServer;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.debezium.DebeziumPostgresCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debezium's own PostgreSQL connector captures a table; our sink rebuilds it in another database, row for row,
 * through snapshot, inserts, updates and deletes, with the types CDC users meet: numeric, dates, timestamps with
 * zones, uuid, jsonb, arrays.
 */
class DebeziumPeerIT {

    @RegisterExtension
    static final EmbeddedPostgresServer SOURCE = EmbeddedPostgresServer.withLogicalReplication();

    @RegisterExtension
    static final PostgresDatabase TARGET = new PostgresDatabase();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final String COLUMNS = "id, name, price, day, happened_at, uid, doc, tags, active, big, ratio";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rebuildsACapturedTableRowForRow() throws Exception {
        SOURCE.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(12,3), "
                        + "day DATE, happened_at TIMESTAMPTZ, uid UUID, doc JSONB, tags TEXT[], active BOOLEAN, "
                        + "big BIGINT, ratio DOUBLE PRECISION)",
                "ALTER TABLE items REPLICA IDENTITY FULL",
                "INSERT INTO items VALUES (1, 'first', 1234.500, '2026-03-01', '2026-03-01T10:15:30+02:00', "
                        + "'6f1c0c3e-3f7a-4c1e-9d2a-0a4b5c6d7e8f', '{\"a\": [1, 2], \"b\": \"x\"}', "
                        + "ARRAY['red','green'], true, 9007199254740993, 0.125)",
                "INSERT INTO items VALUES (2, 'second', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO items VALUES (3, 'third', -0.001, '1999-12-31', '1999-12-31T23:59:59.123456Z', "
                        + "'00000000-0000-0000-0000-000000000001', '[]', ARRAY[]::TEXT[], false, -1, -2.5)");

        DebeziumPostgresCapture.start(CLUSTER, "capture", SOURCE, "shop", "public.items");
        CLUSTER.connect().configureConnector("read-model", sinkConfig());

        SOURCE.execute("INSERT INTO items VALUES (4, 'fourth', 42, '2026-11-25', now(), gen_random_uuid(), "
                        + "'{\"nested\": {\"deep\": true}}', ARRAY['a'], true, 4, 4.0)",
                "UPDATE items SET name = 'first, renamed', price = 99.999, tags = ARRAY['blue'] WHERE id = 1",
                "UPDATE items SET doc = '{\"now\": \"set\"}', happened_at = '2026-06-01T00:00:00-05:00' "
                        + "WHERE id = 2",
                "DELETE FROM items WHERE id = 3");

        await("the read model equals the captured table").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rows(TARGET)).isEqualTo(rows(SOURCE)));
        assertThat(rows(TARGET)).hasSize(3);
        // 3 snapshot reads, 1 insert, 2 updates, 1 delete and its tombstone: offsets 0..7, all committed.
        await("every event, the tombstone included, committed by a running task").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    assertThat(CLUSTER.connect().connectorStatus("read-model").tasks())
                            .allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
                    assertThat(CLUSTER.connect().connectorOffsets("read-model").offsets())
                            .anySatisfy(offset -> assertThat(((Number) offset.offset().get("kafka_offset")).longValue()).isEqualTo(8L));
                });
    }

    private static Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "shop.public.items");
        config.put("connection.url", TARGET.jdbcUrl());
        config.put("connection.user", TARGET.user());
        config.put("connection.password", TARGET.password());
        config.put("table.name.format", "${source.table}");
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("auto.create", "true");
        config.put("auto.evolve", "true");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    /** Every row of {@code items}, each column normalized to a value that compares across column types. */
    private static List<List<Object>> rows(TestDatabase db) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = db.connect();
             ResultSet result = connection.createStatement()
                     .executeQuery("SELECT " + COLUMNS + " FROM items ORDER BY id")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.add(normalize(meta.getColumnName(column), result, column));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
        return rows;
    }

    private static Object normalize(String column, ResultSet result, int index) throws SQLException {
        Object value = result.getObject(index);
        if (value == null) {
            return null;
        }
        try {
            return switch (column) {
                case "price" -> new BigDecimal(value.toString()).stripTrailingZeros();
                case "happened_at" -> result.getObject(index, OffsetDateTime.class).toInstant();
                case "day" -> result.getObject(index, java.time.LocalDate.class);
                case "doc" -> JSON.readTree(value.toString());
                case "tags" -> value instanceof Array array
                        ? Arrays.asList((Object[]) array.getArray())
                        : JSON.convertValue(JSON.readTree(value.toString()), List.class);
                case "uid" -> value.toString();
                case "active" -> result.getBoolean(index);
                case "big" -> result.getLong(index);
                case "ratio" -> result.getDouble(index);
                default -> value instanceof Temporal ? value.toString() : value;
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " holds no JSON: " + value, e);
        }
    }
}
