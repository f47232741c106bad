package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * What the per-database cluster tests share: the one Connect cluster of this JVM, connectors cleaned up after each
 * test, unique topics, the sink's base configuration, JSON-with-schema fixtures (plain and Debezium-shaped), and
 * reading the database through the dialect's quoting.
 */
abstract class JdbcSinkClusterSupport {

    static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    abstract TestDatabase database();

    final ConnectCluster cluster = SharedConnectCluster.get();
    final List<String> connectors = new ArrayList<>();

    /** Schemas that are databases of their own on a shared server (MySQL/MariaDB), dropped after the class. */
    private static final List<Runnable> SCHEMA_CLEANUPS = new ArrayList<>();

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(cluster.connect()::deleteConnector);
    }

    @AfterAll
    static void dropSchemas() {
        SCHEMA_CLEANUPS.forEach(Runnable::run);
        SCHEMA_CLEANUPS.clear();
    }

    /**
     * A new schema (a database on MySQL/MariaDB), created unquoted as a DBA would, so the database may store its
     * name folded (H2: upper case). Returns the name as written.
     */
    String createSchema(String prefix) {
        String name = prefix + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
        TestDatabase owner = database();
        owner.execute("CREATE SCHEMA " + name);
        if (dialect().schemaSupport() == SchemaSupport.CATALOG) {
            SCHEMA_CLEANUPS.add(() -> owner.execute("DROP DATABASE IF EXISTS " + name));
        }
        return name;
    }

    /** True when the database writes arrays of primitives as native arrays (PostgreSQL), not as JSON. */
    boolean nativeArrays() {
        return dialect().columnType(new ColumnSpec("a", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build(),
                false)).endsWith("[]");
    }

    /** True when a schema of this name exists. */
    boolean schemaExists(String schema) {
        try (Connection connection = database().connect()) {
            return dialect().storedSchema(connection, schema).isPresent();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A table or view name with its schema spelled as the database stores it. */
    TableId stored(String table) {
        TableId id = TableId.parse(table);
        if (!id.qualified()) {
            return id;
        }
        try (Connection connection = database().connect()) {
            return dialect().storedSchema(connection, id.schema()).map(schema -> new TableId(schema, id.name()))
                    .orElse(id);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A topic name unique in the shared cluster. */
    String topic(String name) {
        String topic = database().kind().toLowerCase(Locale.ROOT) + "-" + name + "-" + SEQUENCE.incrementAndGet();
        cluster.kafka().createTopic(topic, 1);
        return topic;
    }

    Map<String, String> sinkConfig(String topics, boolean schemas) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topics);
        config.put("connection.url", database().jdbcUrl());
        config.put("connection.user", database().user());
        config.put("connection.password", database().password());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", Boolean.toString(schemas));
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", Boolean.toString(schemas));
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    String start(String name, Map<String, String> config) throws InterruptedException {
        String connector = name + "-" + SEQUENCE.incrementAndGet();
        cluster.connect().configureConnector(connector, config);
        connectors.add(connector);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the JDBC sink did not start");
        return connector;
    }

    void produce(String topic, String key, String value) {
        cluster.kafka().produce(topic, key, value);
    }

    // --- JSON with schemas, as JsonConverter reads it --------------------------------------------------------------

    static final String ID_KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\","
            + "\"type\":\"int64\",\"optional\":false}]}";

    static String idKey(long id) {
        return "{\"schema\":" + ID_KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}";
    }

    static final String CUSTOMER_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"version\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"balance\",\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}},"
            + "{\"field\":\"address\",\"type\":\"struct\",\"optional\":true,\"fields\":["
            + "{\"field\":\"city\",\"type\":\"string\",\"optional\":true}]}]}";

    /** A customer value; the balance is a Connect decimal of scale 2, serialized as base64 unscaled bytes. */
    static String customer(long id, String name, long version, long balanceCents, String city) {
        String balance = java.util.Base64.getEncoder()
                .encodeToString(java.math.BigInteger.valueOf(balanceCents).toByteArray());
        return "{\"schema\":" + CUSTOMER_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"name\":\"" + name
                + "\",\"version\":" + version + ",\"balance\":\"" + balance + "\",\"address\":{\"city\":\"" + city
                + "\"}}}";
    }

    // --- reading the database ----------------------------------------------------------------------------------------

    SinkDialect dialect() {
        return Dialects.find(database().jdbcUrl(), null, "dialect.name", SinkDialect.class);
    }

    /**
     * Every row of a table ({@code table} or {@code schema.table}) as column (lower case) to text, ordered by a
     * column; empty when there is no table.
     */
    List<Map<String, String>> rows(String table, String orderBy) {
        String sql = dialect().sql().append("SELECT * FROM ").table(stored(table)).append(" ORDER BY ")
                .identifier(orderBy).toString();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), result.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            if (tableExists(table)) {
                throw new AssertionError(e);
            }
            return List.of();
        }
        return rows;
    }

    boolean tableExists(String table) {
        try (Connection connection = database().connect()) {
            return dialect().describeTable(connection, TableId.parse(table)).isPresent();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The table the default template ${topic} names: as the dialect makes a topic a table name. */
    String tableFor(String topic) {
        return dialect().tableName(topic);
    }

    /** One column of every row, ordered by the column {@code orderBy}. */
    List<String> column(String table, String column, String orderBy) {
        return rows(table, orderBy).stream().map(row -> row.get(column)).toList();
    }

    void awaitRows(String table, String orderBy, java.util.function.Consumer<List<Map<String, String>>> check) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> check.accept(rows(table, orderBy)));
    }

    static final String DEBEZIUM_ROW = "{\"type\":\"struct\",\"optional\":true,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
            + "{\"field\":\"title\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"published\",\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\"},"
            + "{\"field\":\"updated_at\",\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\"},"
            + "{\"field\":\"ref\",\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\"},"
            + "{\"field\":\"attributes\",\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\"}]}";
    static final String DEBEZIUM_ENVELOPE = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"before\"," + DEBEZIUM_ROW.substring(1)
            + ",{\"field\":\"after\"," + DEBEZIUM_ROW.substring(1)
            + ",{\"field\":\"source\",\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"db\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"schema\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"table\",\"type\":\"string\",\"optional\":false}]},"
            + "{\"field\":\"op\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":true}]}";
    static final String DEBEZIUM_KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false}]}";

    static String debeziumKey(int id) {
        return "{\"schema\":" + DEBEZIUM_KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}";
    }

    static String book(int id, String title) {
        return "{\"id\":" + id + ",\"title\":\"" + title + "\",\"published\":19783,"
                + "\"updated_at\":\"2024-03-01T10:15:30.123456+02:00\","
                + "\"ref\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca4" + (10 + id) + "\","
                + "\"attributes\":\"{\\\"pages\\\":" + (100 + id) + "}\"}";
    }

    static String debeziumEvent(String op, String before, String after) {
        return "{\"schema\":" + DEBEZIUM_ENVELOPE + ",\"payload\":{\"before\":" + before + ",\"after\":" + after
                + ",\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"books\"},\"op\":\"" + op
                + "\",\"ts_ms\":1700000000000}}";
    }

    /**
     * Deletes the committed offsets of the connector's consumer group behind Connect's back, as their expiry would
     * (not through the offsets API, which the sink follows): what is left is what the sink keeps itself.
     */
    void forgetGroupOffsets(String connector, String topic) {
        try (Admin admin = cluster.kafka().createAdminClient()) {
            admin.deleteConsumerGroupOffsets("connect-" + connector, Set.of(new TopicPartition(topic, 0))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not delete the group offsets of " + connector, e);
        }
    }

    void awaitCommitted(String connector, String topic, long offset) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            ConnectorOffsets offsets = cluster.connect().connectorOffsets(connector);
            long committed = -1;
            for (ConnectorOffset each : offsets.offsets()) {
                if (topic.equals(each.partition().get("kafka_topic"))) {
                    committed = ((Number) each.offset().get("kafka_offset")).longValue();
                }
            }
            assertThat(committed).isEqualTo(offset);
        });
    }
}
