package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.jdbc.sink.mapping.RecordMapper;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import io.cqrsconnect.jdbc.sink.write.OffsetStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The JDBC sink in a real Connect cluster writing into a real database, written once and run per database by a
 * subclass: records with schemas, schemaless JSON, Debezium envelopes, tombstones, the three insert modes, the
 * version guard under a replay from offset 0, table routing, field subsets, DDL, the dead-letter queue, exactly-once
 * offsets and read-model generations; {@link JdbcSinkDdlContract} adds schemas, widening and arrays.
 */
abstract class JdbcSinkConnectorContract extends JdbcSinkDdlContract {

    @Test
    void upsertsRecordsWithSchemasAndDeletesOnTombstones() throws InterruptedException {
        String topic = topic("customers");
        start("schemas", sinkConfig(topic, true));
        produce(topic, idKey(1), customer(1, "Ada", 1, 1050, "London"));
        produce(topic, idKey(2), customer(2, "Grace", 1, -20, "Arlington"));
        produce(topic, idKey(3), customer(3, "Edsger", 1, 0, "Nuenen"));
        produce(topic, idKey(1), customer(1, "Ada Lovelace", 2, 1099, "London"));
        produce(topic, idKey(3), null);

        awaitRows(tableFor(topic), "id", rows -> {
            assertThat(rows).extracting(row -> row.get("id")).containsExactly("1", "2");
            assertThat(rows.get(0).get("name")).isEqualTo("Ada Lovelace");
            assertThat(new java.math.BigDecimal(rows.get(0).get("balance"))).isEqualByComparingTo("10.99");
            assertThat(new java.math.BigDecimal(rows.get(1).get("balance"))).isEqualByComparingTo("-0.20");
            assertThat(rows.get(1).get("address").replace(" ", "")).isEqualTo("{\"city\":\"Arlington\"}");
        });
    }

    @Test
    void writesSchemalessJsonWithInferredTypesThatStayStable() throws InterruptedException {
        String topic = topic("events");
        start("schemaless", sinkConfig(topic, false));
        produce(topic, "{\"id\":1}", "{\"id\":1,\"kind\":\"click\",\"count\":1,\"note\":null}");
        produce(topic, "{\"id\":2}", "{\"id\":2,\"kind\":\"view\",\"count\":100000000000,\"note\":\"big\"}");
        produce(topic, "{\"id\":3}", "{\"id\":3,\"kind\":\"view\",\"count\":3,\"score\":0.5}");

        awaitRows(tableFor(topic), "id", rows -> {
            assertThat(rows).extracting(row -> row.get("kind")).containsExactly("click", "view", "view");
            assertThat(rows).extracting(row -> row.get("count")).containsExactly("1", "100000000000", "3");
            assertThat(rows).extracting(row -> row.get("note")).containsExactly(null, "big", null);
            assertThat(Double.parseDouble(rows.get(2).get("score"))).isEqualTo(0.5);
        });
    }

    @Test
    void appliesDebeziumChangeEventsToTheTableNamedByTheirSource() throws InterruptedException {
        String topic = topic("dbserver.public.books");
        Map<String, String> config = sinkConfig(topic, true);
        String table = "rm_" + topic.replaceAll("[^A-Za-z0-9]", "_") + "_books";
        config.put("table.name.format", "rm_${topic}_${source.table}");
        start("debezium", config);
        produce(topic, debeziumKey(1), debeziumEvent("r", "null", book(1, "Dune")));
        produce(topic, debeziumKey(2), debeziumEvent("c", "null", book(2, "Emma")));
        produce(topic, debeziumKey(3), debeziumEvent("c", "null", book(3, "Ulysses")));
        produce(topic, debeziumKey(2), debeziumEvent("u", book(2, "Emma"), book(2, "Emma (2nd ed.)")));
        produce(topic, debeziumKey(3), debeziumEvent("d", book(3, "Ulysses"), "null"));
        produce(topic, debeziumKey(3), null);

        awaitRows(table, "id", rows -> {
            assertThat(rows).extracting(row -> row.get("title")).containsExactly("Dune", "Emma (2nd ed.)");
            assertThat(rows.get(0).get("published")).startsWith("2024-03-01");
            assertThat(rows.get(1).get("ref")).isEqualToIgnoringCase("1b4e28ba-2fa1-11d2-883f-0016d3cca412");
            assertThat(rows.get(1).get("attributes").replace(" ", "")).isEqualTo("{\"pages\":102}");
            assertThat(rows.get(0).get("updated_at")).isNotNull();
        });
    }

    @Test
    void insertModeAppendsEveryRecordKeyedByItsKafkaCoordinates() throws InterruptedException {
        String topic = topic("audit");
        Map<String, String> config = sinkConfig(topic, false);
        config.put("insert.mode", "insert");
        config.put("pk.mode", "kafka");
        config.put("delete.enabled", "false");
        start("insert", config);
        for (int i = 0; i < 5; i++) {
            produce(topic, "{\"user\":\"u1\"}", "{\"user\":\"u1\",\"action\":\"a" + i + "\"}");
        }
        awaitRows(tableFor(topic), RecordMapper.KAFKA_OFFSET_COLUMN, rows -> {
            assertThat(rows).extracting(row -> row.get("action")).containsExactly("a0", "a1", "a2", "a3", "a4");
            assertThat(rows).extracting(row -> row.get(RecordMapper.KAFKA_OFFSET_COLUMN))
                    .containsExactly("0", "1", "2", "3", "4");
        });
    }

    @Test
    void updateModeChangesExistingRowsOnly() throws InterruptedException {
        String topic = topic("stock");
        String table = tableFor(topic);
        database().execute(dialect().sql().append("CREATE TABLE ").identifier(table).append(" (")
                .identifier("sku").append(" VARCHAR(20) NOT NULL PRIMARY KEY, ").identifier("qty")
                .append(" BIGINT)").toString());
        database().execute(dialect().sql().append("INSERT INTO ").identifier(table).append(" VALUES ('a', 1)")
                .toString(), dialect().sql().append("INSERT INTO ").identifier(table).append(" VALUES ('b', 2)")
                .toString());
        Map<String, String> config = sinkConfig(topic, false);
        config.put("insert.mode", "update");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "sku");
        config.put("table.name.format", table);
        start("update", config);
        produce(topic, null, "{\"sku\":\"a\",\"qty\":10}");
        produce(topic, null, "{\"sku\":\"zzz\",\"qty\":99}");
        produce(topic, null, "{\"sku\":\"b\",\"qty\":20}");

        awaitRows(table, "sku", rows -> {
            assertThat(rows).extracting(row -> row.get("sku")).containsExactly("a", "b");
            assertThat(rows).extracting(row -> row.get("qty")).containsExactly("10", "20");
        });
    }

    @Test
    void theVersionGuardKeepsNewerRowsAndAReplayFromOffsetZeroEndsIdentical() throws InterruptedException {
        String topic = topic("accounts");
        Map<String, String> config = sinkConfig(topic, true);
        config.put("version.mode", "field");
        config.put("version.field", "version");
        String connector = start("guard", config);
        produce(topic, idKey(1), customer(1, "v2", 2, 200, "A"));
        produce(topic, idKey(1), customer(1, "v1-late", 1, 100, "A"));
        produce(topic, idKey(2), customer(2, "v1", 1, 100, "B"));
        produce(topic, idKey(2), customer(2, "v3", 3, 300, "B"));
        produce(topic, idKey(2), customer(2, "v2-late", 2, 250, "B"));
        awaitCommitted(connector, topic, 5);
        List<Map<String, String>> before = rows(tableFor(topic), "id");
        assertThat(before).extracting(row -> row.get("name")).containsExactly("v2", "v3");

        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        cluster.connect().resetConnectorOffsets(connector);
        database().execute(dialect().sql().append("UPDATE ").identifier(tableFor(topic)).append(" SET ")
                .identifier("name").append(" = 'touched' WHERE ").identifier("id").append(" = 1").toString());
        cluster.connect().resumeConnector(connector);

        // The replay starts at offset 0, which rewrites row 1 (undoing the manual change); the older versions that
        // follow it must not regress either row, so once every offset is committed again the table is as before.
        awaitRows(tableFor(topic), "id", rows -> assertThat(rows.get(0).get("name")).isEqualTo("v2"));
        awaitCommitted(connector, topic, 5);
        assertThat(rows(tableFor(topic), "id")).isEqualTo(before);
    }

    @Test
    void exactlyOnceKeepsOffsetsWithTheRowsAndResumesFromThemRatherThanFromKafka() throws InterruptedException {
        String topic = topic("ledger");
        String offsetsTable = "offsets_" + SEQUENCE.incrementAndGet();
        Map<String, String> config = exactlyOnceAppend(topic);
        config.put("exactly.once.offsets.table", offsetsTable);
        String connector = start("eos", config);
        for (int i = 1; i <= 5; i++) {
            produce(topic, null, "{\"seq\":" + i + ",\"entry\":\"e" + i + "\"}");
        }
        awaitRows(tableFor(topic), "seq", rows -> assertThat(rows).hasSize(5));
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry(OffsetStore.CONNECTOR_COLUMN, connector)
                    .containsEntry(OffsetStore.TOPIC_COLUMN, topic).containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "5");
        });

        // Kafka forgets the group's offsets (expired, or deleted behind Connect's back); the database still holds
        // them, so nothing is written twice.
        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        forgetGroupOffsets(connector, topic);
        cluster.connect().resumeConnector(connector);
        produce(topic, null, "{\"seq\":6,\"entry\":\"e6\"}");
        produce(topic, null, "{\"seq\":7,\"entry\":\"e7\"}");
        awaitRows(tableFor(topic), "seq", rows -> assertThat(rows).hasSize(7));
        awaitCommitted(connector, topic, 7);
        assertThat(column(tableFor(topic), "entry", "seq")).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7");
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "7"));
    }

    /**
     * The offsets API moves an exactly-once connector too: its stored offsets follow what {@code PATCH} and
     * {@code DELETE /connectors/{name}/offsets} set (alterOffsets), where they used to override it silently.
     */
    @Test
    void theOffsetsApiMovesTheOffsetsAnExactlyOnceConnectorStores() throws InterruptedException {
        String topic = topic("journal");
        String offsetsTable = "offsets_" + SEQUENCE.incrementAndGet();
        Map<String, String> config = exactlyOnceAppend(topic);
        config.put("exactly.once.offsets.table", offsetsTable);
        String connector = start("eos-api", config);
        for (int i = 1; i <= 3; i++) {
            produce(topic, null, "{\"seq\":" + i + "}");
        }
        awaitRows(tableFor(topic), "seq", rows -> assertThat(rows).hasSize(3));
        awaitCommitted(connector, topic, 3);

        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        cluster.connect().alterSinkConnectorOffset(connector, new TopicPartition(topic, 0), 1L);
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "1"));
        cluster.connect().resumeConnector(connector);
        // insert mode appends: records 1 and 2 (seq 2 and 3) are written again, from where the API said
        awaitRows(tableFor(topic), "seq", rows -> assertThat(rows).extracting(row -> row.get("seq"))
                .containsExactly("1", "2", "2", "3", "3"));
        awaitCommitted(connector, topic, 3);

        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        cluster.connect().resetConnectorOffsets(connector);
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).isEmpty();
        cluster.connect().resumeConnector(connector);
        awaitRows(tableFor(topic), "seq", rows -> assertThat(rows).hasSize(8));
        awaitCommitted(connector, topic, 3);
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "3"));
    }

    @Test
    void exactlyOnceKeepsItsOffsetsInTheSchemaItsSettingNamesAndNeverCreatesOne() throws InterruptedException {
        String topic = topic("ledger.placed");
        String offsetsName = "offsets_" + SEQUENCE.incrementAndGet();
        Map<String, String> config = exactlyOnceAppend(topic);
        if (refusedWithoutSchemas(config, "exactly.once.offsets.table", "connect_offsets." + offsetsName)) {
            return;
        }
        String targets = createSchema("readmodels");
        String offsetsSchema = createSchema("connect_offsets");
        String offsetsTable = offsetsSchema + "." + offsetsName;
        String table = targets + "." + tableFor(topic);
        config.put("table.name.format", targets + ".${topic}");
        config.put("exactly.once.offsets.table", offsetsTable);
        String connector = start("eos-schema", config);
        for (int i = 1; i <= 5; i++) {
            produce(topic, null, "{\"seq\":" + i + ",\"entry\":\"e" + i + "\"}");
        }
        awaitRows(table, "seq", rows -> assertThat(rows).hasSize(5));
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement().satisfies(row ->
                assertThat(row).containsEntry(OffsetStore.CONNECTOR_COLUMN, connector)
                        .containsEntry(OffsetStore.TOPIC_COLUMN, topic).containsEntry(OffsetStore.PARTITION_COLUMN, "0")
                        .containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "5"));
        assertThat(tableExists(offsetsName)).as("no offsets table in the connection's own schema").isFalse();
        assertThat(tableExists(targets + "." + offsetsName)).as("nor beside the targets").isFalse();

        // The restarted task resumes from the offsets in that schema, not from Kafka's (forgotten) ones.
        cluster.connect().stopConnector(connector);
        cluster.connect().assertions().assertConnectorIsStopped(connector, "the connector did not stop");
        forgetGroupOffsets(connector, topic);
        cluster.connect().resumeConnector(connector);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the JDBC sink did not resume");
        produce(topic, null, "{\"seq\":6,\"entry\":\"e6\"}");
        awaitRows(table, "seq", rows -> assertThat(rows).hasSize(6));
        awaitCommitted(connector, topic, 6);
        assertThat(column(table, "entry", "seq")).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
        assertThat(rows(offsetsTable, OffsetStore.NEXT_OFFSET_COLUMN)).singleElement().satisfies(row ->
                assertThat(row).containsEntry(OffsetStore.CONNECTOR_COLUMN, connector)
                        .containsEntry(OffsetStore.NEXT_OFFSET_COLUMN, "6"));

        // A schema that does not exist fails the task on the setting, and is not created.
        String lostTopic = topic("ledger-lost");
        String missingSchema = "no_such_offsets_" + SEQUENCE.incrementAndGet();
        Map<String, String> lost = exactlyOnceAppend(lostTopic);
        lost.put("exactly.once.offsets.table", missingSchema + ".offsets");
        String lostConnector = "eos-lost-schema-" + SEQUENCE.incrementAndGet();
        cluster.connect().configureConnector(lostConnector, lost);
        connectors.add(lostConnector);
        produce(lostTopic, null, "{\"seq\":1,\"entry\":\"e1\"}");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster.connect().connectorStatus(lostConnector).tasks()).singleElement()
                        .satisfies(task -> {
                            assertThat(task.state()).isEqualTo("FAILED");
                            assertThat(task.trace()).contains("'" + missingSchema + "'").contains("does not exist")
                                    .contains("exactly.once.offsets.table=" + missingSchema + ".offsets");
                        }));
        assertThat(schemaExists(missingSchema)).as("the connector never creates a schema").isFalse();
        assertThat(rows(tableFor(lostTopic), "seq")).as("nothing written without its offsets").isEmpty();
    }

    @Test
    void writesReadModelGenerationsBehindAViewOfTheLogicalNameThatSwitchesAtomically() throws Exception {
        String topic = topic("catalog");
        String logical = tableFor(topic);
        ReadModelGeneration first = new ReadModelGeneration(logical, 1);
        ReadModelGeneration second = new ReadModelGeneration(logical, 2);
        Map<String, String> config = sinkConfig(topic, false);
        config.put("read.model.generation", "1");
        start("generation1", config);
        produce(topic, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
        awaitRows(logical, "id", rows -> assertThat(rows).extracting(row -> row.get("name")).containsExactly("a"));
        assertThat(tableExists(first.physicalName())).isTrue();
        produce(topic, "{\"id\":2}", "{\"id\":2,\"name\":\"b\",\"price\":3}");
        awaitRows(logical, "id", rows -> {
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1)).as("the view follows its table's new column").containsEntry("price", "3");
        });

        Map<String, String> rebuild = sinkConfig(topic, false);
        rebuild.put("read.model.generation", "2");
        rebuild.put("field.exclude.list", "price");
        start("generation2", rebuild);
        awaitRows(second.physicalName(), "id", rows -> assertThat(rows).hasSize(2));
        try (Connection connection = database().connect()) {
            connection.setAutoCommit(false);
            JdbcViewSwitch views = new JdbcViewSwitch(dialect(), () -> connection);
            assertThat(views.current(logical)).as("a sink never switches a published model").contains(first);
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
    void routesByTemplateAndWritesOnlyTheChosenFieldsUnderTheirNewNames() throws InterruptedException {
        String topic = topic("app.crm.contacts");
        Map<String, String> config = sinkConfig(topic, true);
        config.put("table.name.format", "rm_${topic[-1]}_" + SEQUENCE.incrementAndGet());
        String table = config.get("table.name.format");
        config.put("field.include.list", "name,address");
        config.put("field.renames", "name:contact_name,address_city:city");
        config.put("nested.mode", "flatten");
        start("routing", config);
        produce(topic, idKey(7), customer(7, "Barbara", 1, 5, "Boston"));

        String expectedTable = table.replace("${topic[-1]}", topic.substring(topic.lastIndexOf('.') + 1))
                .replaceAll("[^A-Za-z0-9_]", "_");
        awaitRows(expectedTable, "id", rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsOnlyKeys("id", "contact_name", "city")
                    .containsEntry("contact_name", "Barbara").containsEntry("city", "Boston");
        });
    }

    @Test
    void createsTablesAndAddsColumnsAsRecordsGainFields() throws InterruptedException {
        String topic = topic("profiles");
        start("evolve", sinkConfig(topic, false));
        produce(topic, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
        awaitRows(tableFor(topic), "id", rows -> assertThat(rows).hasSize(1));
        produce(topic, "{\"id\":2}", "{\"id\":2,\"name\":\"b\",\"email\":\"b@example.com\",\"tags\":[\"x\",\"y\"]}");
        awaitRows(tableFor(topic), "id", rows -> {
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("email", null);
            assertThat(rows.get(1)).containsEntry("email", "b@example.com");
            assertThat(rows.get(1).get("tags").replace(" ", ""))
                    .isEqualTo(nativeArrays() ? "{x,y}" : "[\"x\",\"y\"]");
        });
    }

    @Test
    void sendsRecordsTheDatabaseRejectsToTheDeadLetterQueueAndWritesTheRest() throws InterruptedException {
        sendsRejectedRecordsToTheDeadLetterQueue("upsert", false);
    }

    /**
     * In insert mode, with the records already waiting so they arrive as one batch: the batch's bulk insert (COPY on
     * PostgreSQL) fails as a whole, and isolating its rows still writes the good ones.
     */
    @Test
    void insertModeSendsRejectedRowsOfABatchToTheDeadLetterQueueAndWritesTheRest() throws InterruptedException {
        sendsRejectedRecordsToTheDeadLetterQueue("insert", true);
    }

    private void sendsRejectedRecordsToTheDeadLetterQueue(String insertMode, boolean produceFirst)
            throws InterruptedException {
        String topic = topic("orders");
        String table = tableFor(topic);
        database().execute(dialect().sql().append("CREATE TABLE ").identifier(table).append(" (")
                .identifier("id").append(" BIGINT NOT NULL PRIMARY KEY, ").identifier("qty")
                .append(" BIGINT CHECK (").identifier("qty").append(" >= 0))").toString());
        String dlq = topic + "-dlq";
        cluster.kafka().createTopic(dlq, 1);
        Map<String, String> config = sinkConfig(topic, false);
        config.put("table.name.format", table);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("insert.mode", insertMode);
        if (!produceFirst) {
            start("dlq", config);
        }
        produce(topic, "{\"id\":1}", "{\"id\":1,\"qty\":5}");
        produce(topic, "{\"id\":2}", "{\"id\":2,\"qty\":-1}");
        produce(topic, "{\"id\":3}", "\"not a row\"");
        produce(topic, "{\"id\":4}", "{\"id\":4,\"qty\":7}");
        produce(topic, "{\"id\":5}", "{\"id\":5,\"\":1}"); // no Connect struct holds a field without a name
        produce(topic, "{\"id\":6}", "{\"id\":6,\"qty\":3}");
        if (produceFirst) {
            start("dlq", config);
        }

        awaitRows(table, "id", rows -> assertThat(rows).extracting(row -> row.get("id"))
                .containsExactly("1", "4", "6"));
        var dead = cluster.kafka().consume(3, TIMEOUT.toMillis(), dlq);
        List<String> values = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
            var header = record.headers().lastHeader("__connect.errors.exception.message");
            reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactlyInAnyOrder("{\"id\":2,\"qty\":-1}", "\"not a row\"",
                "{\"id\":5,\"\":1}");
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("offset 1").contains(table));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("offset 2")
                .contains("value.converter"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("offset 4")
                .contains("a field with an empty name"));
    }

    /** A ledger: every record appended as its own row (insert mode, no key), offsets kept with the rows. */
    private Map<String, String> exactlyOnceAppend(String topic) {
        Map<String, String> config = sinkConfig(topic, false);
        config.put("insert.mode", "insert");
        config.put("pk.mode", "none");
        config.put("delete.enabled", "false");
        config.put("exactly.once.enabled", "true");
        return config;
    }
}
