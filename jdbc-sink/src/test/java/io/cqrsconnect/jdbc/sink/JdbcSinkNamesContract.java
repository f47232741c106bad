package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hostile names through a real Connect cluster, once per database: reserved words, quotes, unicode, 4-byte
 * characters, very long and colliding names, case pairs, empty names, as fields and as tables. Each name is written
 * (and its data reads back under the name the README promises: the name itself, or its cut with a hash when longer
 * than the database holds) or its record goes to the dead-letter queue with a message naming the record, the
 * field and the setting; the task never dies and no two names share a table or a column.
 */
abstract class JdbcSinkNamesContract extends JdbcSinkClusterSupport {

    /** True when the database compares column names without case. */
    abstract boolean namesIgnoreCase();

    /** True when the database cannot store characters outside the BMP, or a trailing space, in a name. */
    abstract boolean namesAreBmpWithoutTrailingSpace();

    /** One record's field names, and whether this database refuses them (else all are written). */
    private record FieldCase(List<String> names, boolean refused) {
    }

    private List<FieldCase> fieldCases() {
        String longCommon = "a_very_long_field_name_that_keeps_going_".repeat(7); // 280 characters
        List<FieldCase> cases = new ArrayList<>();
        for (String reserved : List.of("select", "from", "order", "group", "user", "table", "key", "index")) {
            cases.add(new FieldCase(List.of(reserved), false));
        }
        for (String quoted : List.of("it's", "say \"hi\"", "back`tick", "semi;colon -- drop table x",
                "a.b", "with space", "[bracket]", "back\\slash")) {
            cases.add(new FieldCase(List.of(quoted), false));
        }
        cases.add(new FieldCase(List.of("größe", "名前", "ñandú"), false));
        cases.add(new FieldCase(List.of(longCommon + "first", longCommon + "second"), false));
        cases.add(new FieldCase(List.of("Mixed", "mixed"), namesIgnoreCase()));
        cases.add(new FieldCase(List.of("price_😀"), namesAreBmpWithoutTrailingSpace()));
        cases.add(new FieldCase(List.of("trailing "), namesAreBmpWithoutTrailingSpace()));
        return cases;
    }

    /**
     * Items 3 of issue 10 and the generated names test: every field case is one record of its own shape on one
     * topic; auto.evolve adds the columns of those written.
     */
    @Test
    void hostileFieldNamesAreWrittenUnderTheirPromisedColumnsOrDeadLettered() throws InterruptedException {
        String topic = topic("field-names");
        String table = tableFor(topic);
        String dlq = topic + "-dlq";
        cluster.kafka().createTopic(dlq, 1);
        List<FieldCase> cases = fieldCases();
        for (int id = 0; id < cases.size(); id++) {
            produce(topic, idKey(id), record(id, cases.get(id).names()));
        }
        int last = cases.size();
        produce(topic, idKey(last), record(last, List.of("ordinary")));
        String connector = start("names", deadLettering(sinkConfig(topic, true), dlq));

        awaitRows(table, "id", rows -> assertThat(rows).extracting(row -> row.get("id")).contains(
                Long.toString(last)));
        List<String> refusals = refusals(dlq, (int) cases.stream().filter(FieldCase::refused).count());
        for (int id = 0; id < cases.size(); id++) {
            FieldCase fieldCase = cases.get(id);
            if (fieldCase.refused()) {
                String offset = "offset " + id + ":";
                assertThat(refusals).as("the refusal of %s", fieldCase.names()).anySatisfy(reason -> assertThat(
                        reason).contains(offset).contains("field '" + fieldCase.names().get(fieldCase.names().size()
                        - 1) + "'").contains("field.renames"));
                assertThat(value(table, id, "id")).as("no row for the refused record %d", id).isEmpty();
            } else {
                for (int field = 0; field < fieldCase.names().size(); field++) {
                    String column = promisedColumn(fieldCase.names().get(field));
                    assertThat(value(table, id, column)).as("column %s of record %d", column, id)
                            .contains("v" + id + "-" + field);
                }
            }
        }
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "a hostile name stopped the task");
    }

    /**
     * Item 2 of issue 10: two topics sharing their first 140 characters (more than PostgreSQL's 63 bytes, MariaDB's
     * 64 characters) used to be cut to one table, the second topic's columns added to it and rows of equal keys
     * merged. Each now has a table of its own.
     */
    @Test
    void longTopicsSharingTheirFirstCharactersKeepTablesOfTheirOwn() throws InterruptedException {
        String prefix = database().kind().replace(' ', '-').toLowerCase(java.util.Locale.ROOT) + "-"
                + SEQUENCE.incrementAndGet() + "-" + "shared.prefix.of.a.long.topic.".repeat(5);
        String orders = prefix + "orders";
        String lines = prefix + "order-lines";
        cluster.kafka().createTopic(orders, 1);
        cluster.kafka().createTopic(lines, 1);
        produce(orders, idKey(1), record(1, List.of("total")));
        produce(lines, idKey(1), record(1, List.of("sku")));
        start("long-topics", sinkConfig(orders + "," + lines, true));

        String ordersTable = tableFor(orders);
        String linesTable = tableFor(lines);
        assertThat(ordersTable).isNotEqualTo(linesTable);
        awaitRows(ordersTable, "id", rows -> assertThat(rows).hasSize(1));
        awaitRows(linesTable, "id", rows -> assertThat(rows).hasSize(1));
        assertThat(value(ordersTable, 1, "total")).contains("v1-0");
        assertThat(value(linesTable, 1, "sku")).contains("v1-0");
        assertThat(columns(ordersTable)).as("the other topic's column").doesNotContain("sku");
    }

    /**
     * Item 9's JDBC half and the generated test for table names: {@code ${source.table}} of hostile source tables.
     * Each is written to the table the README promises (unsafe characters become '_', long names are cut with a
     * hash); a second name that becomes an existing table ('a.b' after 'a_b'; 'cased' after 'Cased': the sink
     * finds tables whatever their case) and an empty name are dead-lettered naming table.name.format.
     */
    @Test
    void hostileSourceTablesAreWrittenToTheirPromisedTablesOrDeadLettered() throws InterruptedException {
        String topic = topic("source-tables");
        String dlq = topic + "-dlq";
        cluster.kafka().createTopic(dlq, 1);
        String run = Integer.toString(SEQUENCE.incrementAndGet());
        String longName = "t" + run + "_a_source_table_with_a_name_longer_than_any_database_allows_".repeat(5);
        Map<String, Boolean> refusedBySource = new LinkedHashMap<>();
        refusedBySource.put("Order Lines " + run, false);
        refusedBySource.put("select" + run, false);
        refusedBySource.put("it's \"quoted\" " + run, false);
        refusedBySource.put("名前" + run, false);
        refusedBySource.put("😀 emoji " + run, false);
        refusedBySource.put(longName + "one", false);
        refusedBySource.put(longName + "two", false);
        refusedBySource.put("a_b" + run, false);
        refusedBySource.put("a.b" + run, true);
        refusedBySource.put("Cased" + run, false);
        refusedBySource.put("cased" + run, true);
        refusedBySource.put("", true);
        List<String> sources = List.copyOf(refusedBySource.keySet());
        for (int id = 0; id < sources.size(); id++) {
            produce(topic, debeziumKey(id), debeziumEventFrom(sources.get(id), id));
        }
        int last = sources.size();
        produce(topic, debeziumKey(last), debeziumEventFrom("last" + run, last));
        Map<String, String> config = deadLettering(sinkConfig(topic, true), dlq);
        config.put("table.name.format", "${source.table}");
        String connector = start("source-tables", config);

        awaitRows(tableName("last" + run), "id", rows -> assertThat(rows).hasSize(1));
        List<String> refusals = refusals(dlq, (int) refusedBySource.values().stream().filter(r -> r).count());
        for (int id = 0; id < sources.size(); id++) {
            String source = sources.get(id);
            if (refusedBySource.get(source)) {
                String offset = "offset " + id + ":";
                assertThat(refusals).as("the refusal of '%s'", source).anySatisfy(reason -> assertThat(reason)
                        .contains(offset).contains("table.name.format"));
            } else {
                String table = tableName(source);
                int row = id;
                awaitRows(table, "id", rows -> assertThat(rows).as("table %s", table).singleElement()
                        .satisfies(only -> assertThat(only).containsEntry("id", Integer.toString(row))));
            }
        }
        assertThat(tableName(longName + "one")).isNotEqualTo(tableName(longName + "two"));
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "a hostile table name stopped the task");
    }

    // --- fixtures ------------------------------------------------------------------------------------------------

    /** The table the README promises for a name from data: unsafe characters to '_', cut with a hash when long. */
    private String tableName(String rendered) {
        return dialect().tableName(rendered);
    }

    /** The column the README promises for a field: the name itself, or its cut with a hash when too long. */
    private String promisedColumn(String field) {
        return dialect().identifierRules().columnName(field);
    }

    private static Map<String, String> deadLettering(Map<String, String> config, String dlq) {
        Map<String, String> result = new HashMap<>(config);
        result.put("errors.tolerance", "all");
        result.put("errors.deadletterqueue.topic.name", dlq);
        result.put("errors.deadletterqueue.topic.replication.factor", "1");
        result.put("errors.deadletterqueue.context.headers.enable", "true");
        return result;
    }

    /** A JSON-with-schema value: the id, and one optional string per name ({@code v<id>-<index>}). */
    private static String record(long id, List<String> names) {
        StringBuilder schema = new StringBuilder("{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}");
        StringBuilder payload = new StringBuilder("{\"id\":" + id);
        for (int i = 0; i < names.size(); i++) {
            String name = json(names.get(i));
            schema.append(",{\"field\":").append(name).append(",\"type\":\"string\",\"optional\":true}");
            payload.append(",").append(name).append(":\"v").append(id).append('-').append(i).append('"');
        }
        return "{\"schema\":" + schema + "]},\"payload\":" + payload + "}}";
    }

    private static String debeziumEventFrom(String sourceTable, int id) {
        return "{\"schema\":" + DEBEZIUM_ENVELOPE + ",\"payload\":{\"before\":null,\"after\":" + book(id, "t" + id)
                + ",\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":" + json(sourceTable)
                + "},\"op\":\"c\",\"ts_ms\":1700000000000}}";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The reasons of the first {@code count} dead letters. */
    private List<String> refusals(String dlq, int count) {
        List<String> reasons = new ArrayList<>();
        if (count == 0) {
            return reasons;
        }
        for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consume(count, TIMEOUT.toMillis(), dlq)) {
            var header = record.headers().lastHeader("__connect.errors.exception.message");
            reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    /** One column of the row with this id, read under exactly that (quoted) name; empty when there is no row. */
    private Optional<String> value(String table, long id, String column) {
        String sql = dialect().sql().append("SELECT ").identifier(column).append(" FROM ").table(TableId.of(table))
                .append(" WHERE ").identifier("id").append(" = ?").toString();
        try (Connection connection = database().connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return Optional.ofNullable(result.next() ? result.getString(1) : null);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** The names of a table's columns, as the database stores them. */
    private List<String> columns(String table) {
        try (Connection connection = database().connect()) {
            return dialect().describeTable(connection, TableId.of(table)).orElseThrow().columns().stream()
                    .map(io.cqrsconnect.jdbc.common.ColumnDefinition::name).toList();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
