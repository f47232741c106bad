package io.cqrsconnect.jdbc.sink.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.StatusLog;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read model rebuilt while it serves: a producer keeps changing it and a reader queries its logical name every
 * few milliseconds through the whole rebuild. The reader never finds the view missing, short of rows or older than
 * it was (a clock row the producer keeps incrementing never goes back), sees exactly one switch (the field the
 * rebuild adds appears once and stays), and afterwards the model equals the full history, changes made during the
 * rebuild included. Per database: the contract runs for each one that has views.
 */
abstract class JdbcRebuildContract {

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final long KEYS = 100;
    /**
     * Rounds of history before the rebuild: enough that the builder needs seconds to replay it, so a coordinator
     * that switched or handed off before the builder caught up would show readers an older clock.
     */
    private static final int ROUNDS = 300;
    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\","
            + "\"type\":\"int64\",\"optional\":false}]}";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"clock\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";

    abstract TestDatabase database();

    /**
     * Whether the live connector keeps its offsets in the database (exactly-once), so the handoff must reach them
     * through the connector's alterOffsets rather than the consumer group.
     */
    abstract boolean exactlyOnce();

    /** The last value of each key the producer wrote: what the model must equal at the end. */
    private final Map<Long, Long> expected = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private KafkaProducer<String, String> producer;

    @Test
    void aRebuildWithANewFieldSwitchesOnceWhileReadersNeverSeeAnOlderOrPartialModel() throws Exception {
        String topic = "orders-" + database().kind().toLowerCase();
        String table = "orders_rb";
        CLUSTER.kafka().createTopic(topic, 2);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                CLUSTER.kafka().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        for (int round = 0; round < ROUNDS; round++) {
            for (long id = 0; id <= KEYS; id++) {
                produce(topic, id);
            }
        }
        producer.flush();
        String live = "orders-model";
        Map<String, String> config = sinkConfig(topic, table);
        CLUSTER.connect().configureConnector(live, config);
        await().atMost(Duration.ofSeconds(120)).until(() -> rowCount(table) == KEYS + 1
                && clocks(table).equals(expected)); // generation 1 serves the whole history

        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> noteSeen = Collections.synchronizedList(new ArrayList<>());
        Connection reader = database().connect(); // auto-commit: each query sees what is committed now
        AtomicLong lastClock = new AtomicLong(-1);
        try {
            load.scheduleWithFixedDelay(() -> produce(topic, clock.get() % 2 == 0 ? 0 : 1 + clock.get() % KEYS),
                    0, 5, TimeUnit.MILLISECONDS);
            load.scheduleWithFixedDelay(() -> read(reader, table, lastClock, noteSeen, violations), 0, 3,
                    TimeUnit.MILLISECONDS);

            CLUSTER.connect().configureConnector(live + "-rebuild", Map.of(
                    "connector.class", JdbcRebuildConnector.class.getName(),
                    "tasks.max", "1",
                    "rebuild.connector", live,
                    "rebuild.requested.at", Instant.now().toString(),
                    "rebuild.config.overrides", "{\"fields.include\": \"id,clock,note\"}",
                    "rebuild.connect.url", CLUSTER.connect().endpointForResource("").replaceAll("/$", ""),
                    "rebuild.kafka.bootstrap.servers", CLUSTER.kafka().bootstrapServers(),
                    "rebuild.poll.interval.ms", "200"));
            StatusLog statuses = new StatusLog("cqrs-connect-read-models",
                    Map.of("bootstrap.servers", CLUSTER.kafka().bootstrapServers()));
            await().atMost(Duration.ofSeconds(180)).until(() -> statuses.read(live)
                    .map(status -> status.state().terminal()).orElse(false));
            RebuildStatus done = statuses.read(live).orElseThrow();
            assertThat(violations).as("what readers saw during the rebuild").isEmpty();
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.servingGeneration()).isEqualTo(1);
            assertThat(done.buildingGeneration()).isEqualTo(2);
            assertThat(done.recordsTotal()).isGreaterThanOrEqualTo(ROUNDS * (KEYS + 1));
            assertThat(done.percent()).isEqualTo(100.0);
            assertThat(done.handoffPauseMs()).as("the pause in live writes is measured").isPositive();

            // keep the load up a little after the switch: the live connector now writes generation 2
            long switchedAt = clock.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> clock.get() > switchedAt + 100);
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            reader.close();
            producer.close();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clocks(table)).isEqualTo(expected));
        assertThat(violations).isEmpty();
        assertThat(noteSeen).as("the reader saw the model before and after").contains(false, true);
        assertThat(noteSeen.subList(noteSeen.indexOf(true), noteSeen.size())).as("exactly one switch")
                .doesNotContain(false);
        assertThat(CLUSTER.connect().connectorInfo(live).config()).containsEntry("read.model.generation", "2")
                .containsEntry("fields.include", "id,clock,note");
        assertThat(CLUSTER.connect().connectors()).doesNotContain(live + "-rebuild-g2");
        assertThat(rowCountOf(table + "__g1")).as("generation 1 is kept (rebuild.keep.generations=2)")
                .isEqualTo(KEYS + 1);
    }

    private Map<String, String> sinkConfig(String topic, String table) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("connection.url", database().jdbcUrl());
        config.put("connection.user", database().user());
        config.put("connection.password", database().password());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("table.name.format", table);
        config.put("read.model.generation", "1");
        config.put("fields.include", "id,clock");
        config.put("exactly.once.enabled", Boolean.toString(exactlyOnce()));
        return config;
    }

    /** Sends one change; the producer keeps the order of each key's changes, so the last one sent is the last. */
    private synchronized void produce(String topic, long id) {
        long now = clock.incrementAndGet();
        expected.put(id, now);
        producer.send(new ProducerRecord<>(topic, "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}",
                "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"clock\":" + now
                        + ",\"note\":\"n" + now + "\"}}"));
    }

    /** One reader query: the clock row never goes back, no row is missing, the new field appears once. */
    private void read(Connection connection, String table, AtomicLong lastClock, List<Boolean> noteSeen,
                      List<String> violations) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + quoted(table))) {
            long count = 0;
            long clockRow = -1;
            while (rows.next()) {
                count++;
                if (rows.getLong("id") == 0) {
                    clockRow = rows.getLong("clock");
                }
            }
            boolean note = hasColumn(rows, "note");
            if (count != KEYS + 1) {
                violations.add("the model had " + count + " rows");
            }
            if (clockRow < lastClock.get()) {
                violations.add("the clock went back from " + lastClock.get() + " to " + clockRow);
            }
            lastClock.set(Math.max(lastClock.get(), clockRow));
            noteSeen.add(note);
        } catch (SQLException e) {
            violations.add("the model could not be read: " + e.getMessage());
        }
    }

    private static boolean hasColumn(ResultSet rows, String column) throws SQLException {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            if (rows.getMetaData().getColumnLabel(i).equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    private Map<Long, Long> clocks(String table) throws SQLException {
        Map<Long, Long> clocks = new HashMap<>();
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, clock FROM " + quoted(table))) {
            while (rows.next()) {
                clocks.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return clocks;
    }

    private long rowCount(String table) {
        try {
            return rowCountOf(table);
        } catch (SQLException e) {
            return -1; // not created yet
        }
    }

    private long rowCountOf(String table) throws SQLException {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quoted(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String quoted(String table) {
        SinkDialect dialect = Dialects.find(database().jdbcUrl(), null, "dialect.name", SinkDialect.class);
        return dialect.sql().table(TableId.parse(table)).toString();
    }
}
