package io.cqrsconnect.jdbc.sink.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.testing.RebuildRequests;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.rebuild.LiveModelLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read model rebuilt while it serves ({@link LiveModelLoad}): a producer keeps changing it and a reader queries
 * its logical name every few milliseconds through the whole rebuild. The reader never finds the view missing, short
 * of rows or older than it was, sees the view switch from generation 1 to 2 exactly once and the field the rebuild
 * adds only with generation 2, and afterwards the model equals the full history, changes made during the rebuild
 * included. Per database: the contract runs for each one that has views.
 */
abstract class JdbcRebuildContract {

    /**
     * The worker commits sink offsets only every ten minutes, longer than any wait here (production's default is
     * 60 s): the coordinator follows the builder by its committed offsets, so the rebuild finishes only because the
     * builder asks for its commits (offset.commit.interval.ms), and the handoff pause does not wait for the worker.
     */
    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster().withWorkerProperty("offset.flush.interval.ms", "600000");

    private static final long KEYS = 100;
    /**
     * Rounds of history before the rebuild: enough that the builder needs seconds to replay it, so a coordinator
     * that switched or handed off before the builder caught up would show readers an older clock.
     */
    private static final int ROUNDS = 300;
    private static final String TABLE = "orders_rb";

    abstract TestDatabase database();

    /**
     * Whether the live connector keeps its offsets in the database (exactly-once), so the handoff must reach them
     * through the connector's alterOffsets rather than the consumer group.
     */
    abstract boolean exactlyOnce();

    @Test
    void aRebuildWithANewFieldSwitchesOnceWhileReadersNeverSeeAnOlderOrPartialModel() throws Exception {
        String topic = "orders-" + database().kind().toLowerCase(Locale.ROOT);
        CLUSTER.kafka().createTopic(topic, 2);
        String live = "orders-model";
        try (LiveModelLoad load = new LiveModelLoad(CLUSTER.kafka().bootstrapServers(), topic, KEYS);
             Connection reader = database().connect(); // auto-commit: each query sees what is committed now
             Connection views = database().connect()) {
            load.writeHistory(ROUNDS);
            CLUSTER.connect().configureConnector(live, sinkConfig(topic, TABLE, 1));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> clocks(TABLE).equals(load.expected())); // generation 1 serves the whole history
            views.setAutoCommit(false);
            JdbcViewSwitch generations = new JdbcViewSwitch(dialect(), () -> views);

            load.start(() -> read(reader, generations));
            RebuildStatus done = rebuilds().rebuild(live, "{\"field.include.list\": \"id,clock,note\"}", false,
                    Duration.ofSeconds(180));
            assertThat(load.violations()).as("what readers saw during the rebuild").isEmpty();
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.servingGeneration()).isEqualTo(1);
            assertThat(done.buildingGeneration()).isEqualTo(2);
            assertThat(done.recordsTotal()).isGreaterThanOrEqualTo(ROUNDS * (KEYS + 1));
            assertThat(done.percent()).isEqualTo(100.0);
            assertThat(done.handoffPauseMs()).as("the pause in live writes is measured").isPositive();

            // keep the load up a little after the switch: the live connector now writes generation 2
            long switchedAt = load.changes();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.changes() > switchedAt + 100);
            load.stop();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clocks(TABLE))
                    .isEqualTo(load.expected()));
            assertThat(load.violations()).isEmpty();
            assertThat(load.generationsSeen()).as("exactly one switch").containsExactly("1", "2");
            assertThat(load.noteSeenBefore("2")).as("the new field only with generation 2").isFalse();
        }
        assertThat(CLUSTER.connect().connectorInfo(live).config()).containsEntry("read.model.generation", "2")
                .containsEntry("field.include.list", "id,clock,note");
        assertThat(CLUSTER.connect().connectors()).doesNotContain(live + "-rebuild-g2");
        assertThat(rowCount(TABLE + "__g1")).as("generation 1 is kept (rebuild.keep.generations=2)")
                .isEqualTo(KEYS + 1);
    }

    /**
     * A model written without generations, rebuilt in place with a new field: the table is cleared (a row no record
     * ever wrote goes), the connector replays the whole history into it from the earliest offsets (with
     * exactly-once, from the offsets it keeps in the database, which the rebuild resets through the offsets API) and
     * runs on with the new config.
     */
    @Test
    void aRebuildInPlaceClearsTheTableAndReplaysTheHistoryWithTheNewConfig() throws Exception {
        String topic = "orders-in-place-" + database().kind().toLowerCase(Locale.ROOT);
        CLUSTER.kafka().createTopic(topic, 2);
        String live = "orders-in-place";
        String table = "orders_ip";
        try (LiveModelLoad load = new LiveModelLoad(CLUSTER.kafka().bootstrapServers(), topic, KEYS)) {
            load.writeHistory(20);
            CLUSTER.connect().configureConnector(live, sinkConfig(topic, table, 0));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> clocks(table).equals(load.expected()));
            try (Connection connection = database().connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate(dialect().sql().append("INSERT INTO ").table(TableId.parse(table))
                        .append(" (").identifiers(List.of("id", "clock")).append(") VALUES (-1, -1)").toString());
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            RebuildStatus done = rebuilds().rebuild(live, "{\"field.include.list\": \"id,clock,note\"}", true,
                    Duration.ofSeconds(120));
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.inPlace()).isTrue();
            assertThat(done.builder()).as("the connector replays itself").isEqualTo(live);
            assertThat(done.logicalNames()).containsExactly(table);
            assertThat(done.recordsTotal()).isGreaterThanOrEqualTo(20 * (KEYS + 1));
            assertThat(done.percent()).isEqualTo(100.0);

            assertThat(clocks(table)).as("the row no record wrote is gone; the history is back")
                    .isEqualTo(load.expected());
            try (Connection connection = database().connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(dialect().sql().append("SELECT ")
                         .identifiers(List.of("clock", "note")).append(" FROM ").table(TableId.parse(table))
                         .toString())) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    assertThat(rows.getString(2)).as("the new field, from the replayed history")
                            .isEqualTo("n" + rows.getLong(1));
                }
                assertThat(count).isEqualTo(KEYS + 1);
            }
        }
        assertThat(CLUSTER.connect().connectorInfo(live).config()).containsEntry("read.model.generation", "0")
                .containsEntry("field.include.list", "id,clock,note")
                .as("the commit interval of the replay is gone").doesNotContainKey("offset.commit.interval.ms");
    }

    /** Rebuilds in the cluster, as the REST extension and the CLI request them. */
    private static RebuildRequests rebuilds() {
        return new RebuildRequests(CLUSTER.connect().endpointForResource("").replaceAll("/$", ""),
                CLUSTER.kafka().bootstrapServers(), JdbcRebuildConnector.class.getName());
    }


    private Map<String, String> sinkConfig(String topic, String table, int generation) {
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
        config.put("read.model.generation", Integer.toString(generation));
        config.put("field.include.list", "id,clock");
        config.put("exactly.once.enabled", Boolean.toString(exactlyOnce()));
        return config;
    }

    /** One read of the view, then of the generation it shows (a switch in between is seen at the next read). */
    private LiveModelLoad.Observation read(Connection connection, JdbcViewSwitch generations) throws Exception {
        long rows = 0;
        long clock = -1;
        boolean note = false;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + quoted(TABLE))) {
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                note |= result.getMetaData().getColumnLabel(i).equalsIgnoreCase("note");
            }
            while (result.next()) {
                rows++;
                if (result.getLong("id") == 0) {
                    clock = result.getLong("clock");
                }
            }
        }
        String generation = generations.current(TABLE).map(ReadModelGeneration::generation).map(String::valueOf)
                .orElse("none");
        return new LiveModelLoad.Observation(rows, clock, generation, note);
    }

    private Map<Long, Long> clocks(String table) throws SQLException {
        Map<Long, Long> clocks = new HashMap<>();
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(dialect().sql().append("SELECT ").identifiers(List.of("id", "clock"))
                     .append(" FROM ").table(TableId.parse(table)).toString())) {
            while (rows.next()) {
                clocks.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return clocks;
    }

    private long rowCount(String table) throws SQLException {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quoted(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private SinkDialect dialect() {
        return Dialects.find(database().jdbcUrl(), null, "dialect.name", SinkDialect.class);
    }

    private String quoted(String table) {
        return dialect().sql().table(TableId.parse(table)).toString();
    }
}
