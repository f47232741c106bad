package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;

/**
 * What the per-database cluster tests share: the one Connect cluster of this JVM, connectors deleted after each
 * test, unique table and topic names, the source's base configuration, and reading the records back from a topic as
 * Connect data (JSON with schemas).
 */
abstract class SourceClusterSupport {

    static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A record read back: its key and value as Connect data. */
    record Captured(Struct key, Struct value) {
    }

    abstract TestDatabase database();

    final ConnectCluster cluster = SharedConnectCluster.get();
    private final List<String> connectors = new ArrayList<>();

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(cluster.connect()::deleteConnector);
        connectors.clear();
    }

    /** A table name unique in this class's database. */
    String table(String name) {
        return name + "_" + SEQUENCE.incrementAndGet();
    }

    Map<String, String> sourceConfig(String topicPrefix) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", database().jdbcUrl());
        config.put("connection.user", database().user());
        config.put("connection.password", database().password());
        config.put("topic.prefix", topicPrefix);
        config.put("poll.interval.ms", "100");
        config.put("db.timezone", databaseZone());
        config.put("commit.lookback.ms", "500");
        config.put("key.converter", JsonConverter.class.getName());
        config.put("value.converter", JsonConverter.class.getName());
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    /** A topic prefix unique in the shared cluster. */
    String prefix(String name) {
        return database().kind().toLowerCase(Locale.ROOT) + "-" + name + "-" + SEQUENCE.incrementAndGet() + "-";
    }

    String start(String name, Map<String, String> config) throws InterruptedException {
        String connector = name + "-" + SEQUENCE.incrementAndGet();
        cluster.connect().configureConnector(connector, config);
        connectors.add(connector);
        cluster.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning(connector, 1,
                "the JDBC source did not start");
        return connector;
    }

    /** Waits until the topic holds at least {@code count} records, and returns all it holds. */
    List<Captured> awaitRecords(String topic, int count) {
        List<Captured> records = new ArrayList<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            records.clear();
            records.addAll(readAll(topic));
            assertThat(records).hasSizeGreaterThanOrEqualTo(count);
        });
        return records;
    }

    /** Every record the topic holds now. */
    List<Captured> readAll(String topic) throws Exception {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        List<Captured> records = new ArrayList<>();
        try (Admin admin = cluster.kafka().createAdminClient()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return records;
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consumeAll(Duration.ofSeconds(10).toMillis(),
                topic)) {
            SchemaAndValue key = keys.toConnectData(topic, record.key());
            SchemaAndValue value = values.toConnectData(topic, record.value());
            records.add(new Captured((Struct) key.value(), (Struct) value.value()));
        }
        return records;
    }

    /** The ids of records, by the key's {@code id}. */
    static List<Long> ids(List<Captured> records) {
        return records.stream().map(record -> record.key().schema().fields().stream()
                .filter(field -> field.name().equalsIgnoreCase("id")).findFirst()
                .map(field -> ((Number) record.key().get(field)).longValue()).orElseThrow()).toList();
    }

    /** The topic of a table's records: the prefix and the table's name as the database stores it. */
    String topic(String prefix, String table) {
        return prefix + table;
    }

    void execute(String... sql) {
        database().execute(sql);
    }

    /** The database's wall-clock zone, as an offset: its local time now against UTC, to the quarter hour. */
    String databaseZone() {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + wallClockNow())) {
            row.next();
            LocalDateTime local = LocalDateTime.parse(row.getString(1).trim().replace(' ', 'T'));
            long minutes = Duration.between(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), local)
                    .toMinutes();
            long quarters = Math.round(minutes / 15.0);
            return ZoneOffset.ofTotalSeconds((int) (quarters * 15 * 60)).getId();
        } catch (SQLException e) {
            throw new IllegalStateException(database().kind() + " did not tell its clock: " + e.getMessage(), e);
        }
    }

    /** An expression for the database's local date and time now, as text {@code yyyy-MM-dd HH:mm:ss[.f]}. */
    abstract String wallClockNow();
}
