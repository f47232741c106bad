package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay in a real Connect cluster, once per database: events of two aggregate types land on their two
 * topics keyed by aggregate id, with the payload and the headers, in each aggregate's order; relayed rows are
 * deleted when configured and kept otherwise; a row committed late with a smaller id is still relayed, once.
 */
abstract class JdbcSourceOutboxContract extends SourceClusterSupport {

    /** An event read back: its key, value and headers as the worker's converters wrote them. */
    record Event(Object key, Object value, Map<String, String> headers) {
    }

    /** An auto-assigned integer primary key column's type and constraint. */
    abstract String autoIdPrimaryKey();

    /** The type of a column holding a UUID. */
    abstract String uuidType();

    /** The type of a JSON payload column. */
    abstract String jsonType();

    /** The type of a binary payload column. */
    abstract String binaryType();

    /** A timestamp column the database stamps with its clock on insert. */
    abstract String stampedColumn();

    /** The commit look-back for the late commit test (databases that list open transactions ignore it). */
    String lateCommitLookBack() {
        return "500";
    }

    @Test
    void eventsOfTwoAggregateTypesLandOnTheirTopicsKeyedWithPayloadAndHeadersInEachAggregatesOrder()
            throws Exception {
        String table = outboxTable("outbox", jsonType());
        int n = SEQUENCE.incrementAndGet();
        String orders = "order_" + n;
        String customers = "customer_" + n;
        List<String> ids = new ArrayList<>();
        ids.add(insert(table, orders, "o-1", "created", "{\"total\": 3}"));
        ids.add(insert(table, customers, "c-1", "registered", "{\"name\": \"Ada\"}"));
        ids.add(insert(table, orders, "o-2", "created", "{\"total\": 5}"));
        ids.add(insert(table, orders, "o-1", "paid", "{\"paid\": true}"));
        Map<String, String> config = outboxConfig(table);
        config.put("table.fields.additional.placement", "type:header:eventType");
        start("outbox", config);
        ids.add(insert(table, customers, "c-1", "renamed", "{\"name\": \"Grace\"}"));
        ids.add(insert(table, orders, "o-1", "shipped", "{}"));

        List<Event> orderEvents = awaitEvents("outbox.event." + orders, 4);
        List<Event> customerEvents = awaitEvents("outbox.event." + customers, 2);

        assertThat(orderEvents).extracting(Event::key).containsExactly("o-1", "o-2", "o-1", "o-1");
        assertThat(orderEvents).extracting(Event::value).containsExactly("{\"total\": 3}", "{\"total\": 5}",
                "{\"paid\": true}", "{}");
        assertThat(orderEvents).extracting(event -> event.headers().get("id"))
                .containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(5));
        assertThat(orderEvents.stream().filter(event -> event.key().equals("o-1"))
                .map(event -> event.headers().get("eventType"))).as("one aggregate's events in order")
                .containsExactly("created", "paid", "shipped");
        assertThat(customerEvents).extracting(Event::key).containsExactly("c-1", "c-1");
        assertThat(customerEvents).extracting(event -> event.headers().get("eventType"))
                .containsExactly("registered", "renamed");
        assertThat(customerEvents.get(1).headers().get("id")).isEqualTo(ids.get(4));
        assertThat(rows(table)).as("rows are kept unless outbox.delete.enabled").isEqualTo(6);
    }

    @Test
    void relayedRowsAreDeletedOnceKafkaHasThemAndRelayedOnce() throws Exception {
        String table = outboxTable("outbox_purged", binaryType());
        String type = "invoice_" + SEQUENCE.incrementAndGet();
        String topic = "relay." + type;
        for (int i = 1; i <= 5; i++) {
            insertBytes(table, type, "i-" + (i % 2), new byte[] {0, (byte) i, (byte) 0xff});
        }
        Map<String, String> config = outboxConfig(table);
        config.put("outbox.delete.enabled", "true");
        config.put("batch.max.rows", "2"); // deletes run two rows at a time too
        config.put("route.topic.replacement", "relay.${routedByValue}");
        start("outbox-purged", config);

        awaitEvents(topic, 5);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isZero());
        insertBytes(table, type, "i-9", new byte[] {9});
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isZero());

        List<Event> events = awaitEvents(topic, 6);
        assertThat(events).as("each row once").hasSize(6);
        assertThat(events).extracting(Event::key).containsExactly("i-1", "i-0", "i-1", "i-0", "i-1", "i-9");
        assertThat(events.get(1).value()).isEqualTo(new byte[] {0, 2, (byte) 0xff});
        assertThat(events.get(5).value()).isEqualTo(new byte[] {9});
    }

    @Test
    void anOutboxRowCommittedLateWithASmallerIdIsStillRelayed() throws Exception {
        String table = outboxTable("outbox_late", jsonType());
        String type = "payment_" + SEQUENCE.incrementAndGet();
        String topic = "outbox.event." + type;
        String first = insert(table, type, "p-0", "seed", "{}");
        Map<String, String> config = outboxConfig(table);
        config.put("outbox.delete.enabled", "true");
        config.put("commit.lookback.ms", lateCommitLookBack());
        start("outbox-late", config);
        awaitEvents(topic, 1);

        String older = UUID.randomUUID().toString();
        String newer;
        try (Connection late = database().connect()) {
            late.setAutoCommit(false);
            try (Statement statement = late.createStatement()) {
                statement.execute(insertSql(table, older, type, "p-1", "authorized", "{}")); // the smaller seq
            }
            newer = insert(table, type, "p-2", "authorized", "{}"); // committed first
            assertThat(awaitEvents(topic, 2)).extracting(event -> event.headers().get("id"))
                    .containsExactly(first, newer);
            late.commit();
        }

        List<Event> events = awaitEvents(topic, 3);
        assertThat(events).extracting(event -> event.headers().get("id")).containsExactly(first, newer, older);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isZero());
        assertThat(readEvents(topic)).as("relayed once").hasSize(3);
    }

    @Test
    void anOutboxWithoutAnIncreasingIdIsRelayedByItsTimestamp() throws Exception {
        String table = table("outbox_stamped");
        execute("CREATE TABLE " + table + " (id VARCHAR(36) PRIMARY KEY, aggregatetype VARCHAR(64) NOT NULL, "
                + "aggregateid VARCHAR(64) NOT NULL, type VARCHAR(64), payload " + jsonType() + ", created "
                + stampedColumn() + ")");
        String type = "shipment_" + SEQUENCE.incrementAndGet();
        String topic = "outbox.event." + type;
        String first = UUID.randomUUID().toString();
        execute(insertSql(table, first, type, "s-1", "packed", "{\"n\": 1}"));
        Map<String, String> config = sourceConfig(prefix("outbox-stamped"));
        config.put("table.include.list", table);
        config.put("outbox.enabled", "true");
        config.put("outbox.delete.enabled", "true");
        config.put("mode", "timestamp");
        config.put("timestamp.column.name", "created");
        config.put("table.field.event.timestamp", "created");
        start("outbox-stamped", config);
        awaitEvents(topic, 1);
        String second = UUID.randomUUID().toString();
        execute(insertSql(table, second, type, "s-1", "shipped", "{\"n\": 2}"));

        List<Event> events = awaitEvents(topic, 2);
        assertThat(events).extracting(event -> event.headers().get("id")).containsExactly(first, second);
        assertThat(events).extracting(Event::value).containsExactly("{\"n\": 1}", "{\"n\": 2}");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isZero());
    }

    @Test
    void aJsonPayloadArrivesAsAStructInAnEnvelopeWhenAsked() throws Exception {
        String table = outboxTable("outbox_expanded", jsonType());
        String type = "cart_" + SEQUENCE.incrementAndGet();
        insert(table, type, "k-1", "filled", "{\"total\": 3, \"lines\": [{\"item\": \"book\", \"qty\": 2}]}");
        insert(table, type, "k-1", "noted", "[1, 2]"); // JSON, but not an object
        Map<String, String> config = outboxConfig(table);
        config.put("table.expand.json.payload", "true");
        config.put("table.fields.additional.placement", "type:envelope:eventType");
        start("outbox-expanded", config);

        List<Event> events = awaitEvents("outbox.event." + type, 2);
        Struct filled = (Struct) events.get(0).value();
        assertThat(filled.get("eventType")).isEqualTo("filled");
        assertThat(filled.getStruct("payload").get("total")).isEqualTo(3);
        Struct line = (Struct) filled.getStruct("payload").getArray("lines").get(0);
        assertThat(line.get("item")).isEqualTo("book");
        assertThat(line.get("qty")).isEqualTo(2);
        Struct noted = (Struct) events.get(1).value();
        assertThat(noted.get("payload")).as("not an object: kept as text").isEqualTo("[1, 2]");
    }

    @Test
    void aRelayRestartedFromAnOlderOffsetRelaysAgainOnlyRowsThatWereNotDeleted() throws Exception {
        for (boolean delete : new boolean[] {false, true}) {
            String table = outboxTable("outbox_restart", jsonType());
            String type = "refund_" + SEQUENCE.incrementAndGet();
            String topic = "outbox.event." + type;
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(insert(table, type, "r-" + i, "issued", "{}"));
            }
            Map<String, String> config = outboxConfig(table);
            config.put("outbox.delete.enabled", Boolean.toString(delete));
            String connector = start("outbox-restart", config);
            awaitEvents(topic, 5);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isEqualTo(delete ? 0 : 5));

            // What a crash after the second event's offset commit leaves: the offset after seq 2.
            cluster.connect().stopConnector(connector);
            cluster.connect().assertions().assertConnectorIsStopped(connector, "the relay did not stop");
            var stored = cluster.connect().connectorOffsets(connector).offsets().get(0);
            cluster.connect().alterSourceConnectorOffset(connector, stored.partition(),
                    Map.of("incrementing", 2, "gaps", ""));
            cluster.connect().resumeConnector(connector);
            ids.add(insert(table, type, "r-6", "issued", "{}"));

            List<String> expected = delete
                    ? List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5))
                    : List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(2), ids.get(3),
                    ids.get(4), ids.get(5));
            assertThat(awaitEvents(topic, expected.size())).as(delete ? "deleted rows are gone for good"
                    : "kept rows after the offset are relayed again").extracting(event -> event.headers().get("id"))
                    .containsExactlyElementsOf(expected);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isEqualTo(delete ? 0 : 6));
            assertThat(readEvents(topic)).hasSize(expected.size());
        }
    }

    @Test
    void turningDeletionOnDeletesWhatAnEarlierRunRelayedAndRelaysNothingTwice() throws Exception {
        String table = outboxTable("outbox_swept", jsonType());
        String type = "return_" + SEQUENCE.incrementAndGet();
        String topic = "outbox.event." + type;
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(insert(table, type, "t-" + i, "requested", "{}"));
        }
        Map<String, String> config = outboxConfig(table);
        String connector = start("outbox-swept", config);
        awaitEvents(topic, 5);
        cluster.connect().stopConnector(connector); // commits the offset after the fifth row
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the relay did not stop");
        assertThat(rows(table)).isEqualTo(5);

        config.put("outbox.delete.enabled", "true");
        config.put("batch.max.rows", "2"); // the earlier run's rows go two at a time
        cluster.connect().configureConnector(connector, config);
        cluster.connect().resumeConnector(connector);
        ids.add(insert(table, type, "t-6", "requested", "{}"));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rows(table)).isZero());
        assertThat(awaitEvents(topic, 6)).extracting(event -> event.headers().get("id"))
                .containsExactlyElementsOf(ids);
    }

    @Test
    void validateNamesEachOutboxSettingWhoseColumnTheTableLacks() {
        String table = outboxTable("outbox_checked", jsonType());
        Map<String, String> config = outboxConfig(table);
        config.put("table.field.event.key", "aggregate_id");
        config.put("table.fields.additional.placement", "type:header,event_type:header");
        config.put("route.by.field", "AGGREGATETYPE"); // found ignoring case, as at run time

        Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);

        assertThat(problems).containsOnlyKeys("table.field.event.key", "table.fields.additional.placement");
        assertThat(problems.get("table.field.event.key").get(0)).contains("no column aggregate_id");
        assertThat(problems.get("table.fields.additional.placement").get(0)).contains("no column event_type");
        config.put("table.field.event.key", "aggregateid");
        config.put("table.fields.additional.placement", "type:header");
        assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();
    }

    /** An outbox table with Debezium's columns, ordered by an auto-assigned seq. */
    String outboxTable(String name, String payloadType) {
        String table = table(name);
        execute("CREATE TABLE " + table + " (seq " + autoIdPrimaryKey() + ", id " + uuidType() + " NOT NULL, "
                + "aggregatetype VARCHAR(64) NOT NULL, aggregateid VARCHAR(64) NOT NULL, type VARCHAR(64), "
                + "payload " + payloadType + ")");
        return table;
    }

    Map<String, String> outboxConfig(String table) {
        Map<String, String> config = sourceConfig(prefix("outbox"));
        config.put("table.include.list", table);
        config.put("outbox.enabled", "true");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "seq");
        return config;
    }

    /** Inserts an event row in its own transaction; returns its event id. */
    String insert(String table, String type, String aggregate, String eventType, String payload) {
        String id = UUID.randomUUID().toString();
        execute(insertSql(table, id, type, aggregate, eventType, payload));
        return id;
    }

    static String insertSql(String table, String id, String type, String aggregate, String eventType,
                            String payload) {
        return "INSERT INTO " + table + " (id, aggregatetype, aggregateid, type, payload) VALUES ('" + id + "', '"
                + type + "', '" + aggregate + "', '" + eventType + "', '" + payload + "')";
    }

    void insertBytes(String table, String type, String aggregate, byte[] payload) throws SQLException {
        try (Connection connection = database().connect(); var statement = connection.prepareStatement(
                "INSERT INTO " + table + " (id, aggregatetype, aggregateid, payload) VALUES ('"
                        + UUID.randomUUID() + "', ?, ?, ?)")) {
            statement.setString(1, type);
            statement.setString(2, aggregate);
            statement.setBytes(3, payload);
            statement.executeUpdate();
        }
    }

    long rows(String table) throws SQLException {
        try (Connection connection = database().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    List<Event> awaitEvents(String topic, int count) {
        List<Event> events = new ArrayList<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            events.clear();
            events.addAll(readEvents(topic));
            assertThat(events).hasSizeGreaterThanOrEqualTo(count);
        });
        return events;
    }

    List<Event> readEvents(String topic) throws Exception {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        List<Event> events = new ArrayList<>();
        try (Admin admin = cluster.kafka().createAdminClient()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return events;
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consumeAll(Duration.ofSeconds(10).toMillis(),
                topic)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            events.add(new Event(keys.toConnectData(topic, record.key()).value(),
                    values.toConnectData(topic, record.value()).value(), headers));
        }
        return events;
    }
}
