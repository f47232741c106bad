package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cqrsconnect.testing.values.EdgeCase;
import io.cqrsconnect.testing.values.EdgeCases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of their types through the JDBC sink in a real Connect cluster, with
 * {@code errors.tolerance=all} and a dead-letter queue, written once and run per database by a subclass: each value
 * is stored and reads back equal, or its record is dead-lettered with a message naming it and its field; the task
 * never dies. What each database holds is in {@code docs/jdbc-sink-types.md}.
 */
abstract class JdbcSinkValuesContract extends JdbcSinkClusterSupport {

    /** True when this database's TIME holds 24:00:00 (PostgreSQL, MySQL, MariaDB; SQLite keeps the text). */
    abstract boolean holdsEndOfDay();

    /**
     * The most digits after the point the column created for a variable-scale decimal holds (MariaDB's
     * DECIMAL(65,30): 30), or {@link Integer#MAX_VALUE} when it holds any.
     */
    abstract int variableDecimalScale();

    /** True when a hand-made NUMERIC(p,s) column is bounded (not SQLite's affinity, which keeps any number). */
    abstract boolean boundsDecimalColumns();

    /**
     * True when this database refuses the case's value, so its record is dead-lettered: the per-database table of
     * {@code docs/jdbc-sink-types.md}, as code.
     */
    abstract boolean refuses(EdgeCase edge);

    /** True when a float column keeps negative zero apart from zero (PostgreSQL, H2); else it reads back as zero. */
    abstract boolean keepsNegativeZero();

    static final String CLOCK_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"at\",\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTime\"}]}";

    static String clock(long id, long micros) {
        return "{\"schema\":" + CLOCK_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"at\":" + micros + "}}";
    }

    /** Issue 10, item 1: PostgreSQL's time '24:00:00' as Debezium sends it, through COPY and single rows. */
    @Test
    void insertsTheEndOfTheDay() throws InterruptedException {
        writesTheEndOfTheDay("insert");
    }

    /** The same through upserts (PostgreSQL: UNNEST of text arrays). */
    @Test
    void upsertsTheEndOfTheDay() throws InterruptedException {
        writesTheEndOfTheDay("upsert");
    }

    private void writesTheEndOfTheDay(String insertMode) throws InterruptedException {
        String topic = topic("clock-" + insertMode);
        String dlq = deadLetterTopic(topic);
        Map<String, String> config = tolerantConfig(topic, dlq);
        config.put("insert.mode", insertMode);
        config.put("pk.mode", "record_key");
        produce(topic, idKey(1), clock(1, 43_200_000_000L));
        produce(topic, idKey(2), clock(2, 86_400_000_000L));
        produce(topic, idKey(3), clock(3, 0L));
        String connector = start("end-of-day", config);
        produce(topic, idKey(4), clock(4, 86_400_000_000L)); // alone in its batch: the single-row path
        produce(topic, idKey(5), clock(5, 1L));

        List<String> stored = holdsEndOfDay() ? List.of("1", "2", "3", "4", "5") : List.of("1", "3", "5");
        awaitRows(tableFor(topic), "id", rows -> {
            assertThat(rows).extracting(row -> row.get("id")).containsExactlyElementsOf(stored);
            assertThat(rows).filteredOn(row -> List.of("2", "4").contains(row.get("id")))
                    .allSatisfy(row -> assertThat(row.get("at")).startsWith("24:00"));
            assertThat(rows.get(0).get("at")).startsWith("12:00");
        });
        if (!holdsEndOfDay()) {
            assertThat(deadLetters(dlq, 2)).extracting(DeadLetter::reason).allSatisfy(reason ->
                    assertThat(reason).contains(topic).contains("'at'").contains("24:00:00"))
                    .anySatisfy(reason -> assertThat(reason).contains("offset 1"))
                    .anySatisfy(reason -> assertThat(reason).contains("offset 3"));
        }
        awaitCommitted(connector, topic, 5);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink's task died on a value");
    }

    static final String SINGLE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"ratio\",\"type\":\"float\",\"optional\":true}]}";

    /** Issue 10, item 6: the column the sink creates for a float32 field holds every float32. */
    @Test
    void holdsEveryFloat32InTheColumnItCreates() throws InterruptedException {
        String topic = topic("singles");
        String dlq = deadLetterTopic(topic);
        Map<String, String> config = tolerantConfig(topic, dlq);
        config.put("pk.mode", "record_key");
        String connector = start("float32", config);
        List<Float> values = List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, 1f / 3);
        for (int i = 0; i < values.size(); i++) {
            produce(topic, idKey(i), "{\"schema\":" + SINGLE_SCHEMA + ",\"payload\":{\"id\":" + i + ",\"ratio\":"
                    + values.get(i) + "}}");
        }

        awaitRows(tableFor(topic), "id", rows -> assertThat(rows)
                .extracting(row -> (float) Double.parseDouble(row.get("ratio")))
                .as("each float32 reads back as itself").containsExactlyElementsOf(values));
        awaitCommitted(connector, topic, values.size());
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink's task died on a value");
    }

    static final String EXACT_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"amount\",\"type\":\"struct\",\"optional\":true,"
            + "\"name\":\"io.debezium.data.VariableScaleDecimal\",\"fields\":["
            + "{\"field\":\"scale\",\"type\":\"int32\",\"optional\":false},"
            + "{\"field\":\"value\",\"type\":\"bytes\",\"optional\":false}]}]}";

    static String exact(long id, BigDecimal amount) {
        return "{\"schema\":" + EXACT_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"amount\":{\"scale\":"
                + amount.scale() + ",\"value\":\"" + Base64.getEncoder().encodeToString(amount.unscaledValue()
                .toByteArray()) + "\"}}}";
    }

    /**
     * Issue 10, item 5: a numeric without scale (Debezium's VariableScaleDecimal) with 50 digits after the point is
     * stored exactly or dead-lettered, never rounded.
     */
    @Test
    void neverRoundsAVariableScaleDecimal() throws InterruptedException {
        String topic = topic("exact");
        String dlq = deadLetterTopic(topic);
        Map<String, String> config = tolerantConfig(topic, dlq);
        config.put("pk.mode", "record_key");
        List<BigDecimal> values = List.of(new BigDecimal("1.5"), new BigDecimal("0." + "1".repeat(50)),
                new BigDecimal("-123456789012345678901234567890.000000000000000000000000000001"),
                new BigDecimal("7.25000000000000000000000000000000000000"));
        for (int i = 0; i < values.size(); i++) {
            produce(topic, idKey(i), exact(i, values.get(i)));
        }
        String connector = start("exact", config);

        List<Long> held = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).stripTrailingZeros().scale() <= variableDecimalScale()) {
                held.add((long) i);
            }
        }
        awaitRows(tableFor(topic), "id", rows -> {
            assertThat(rows).extracting(row -> Long.parseLong(row.get("id"))).containsExactlyElementsOf(held);
            assertThat(rows).allSatisfy(row -> assertThat(new BigDecimal(row.get("amount")))
                    .isEqualByComparingTo(values.get(Integer.parseInt(row.get("id")))));
        });
        if (held.size() < values.size()) {
            assertThat(deadLetters(dlq, values.size() - held.size())).allSatisfy(letter ->
                    assertThat(letter.reason()).contains(topic).contains("'amount'").contains("DECIMAL(65,30)")
                            .contains("round"));
        }
        awaitCommitted(connector, topic, values.size());
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink's task died on a value");
    }

    /**
     * A Connect decimal into a NUMERIC(10,2) column made by hand, which the sink may not widen: digits after the
     * point the column would round away are refused, as are more before it than it holds.
     */
    @Test
    void neverRoundsADecimalIntoAHandMadeColumn() throws InterruptedException {
        String topic = topic("prices");
        String table = tableFor(topic);
        database().execute(dialect().sql().append("CREATE TABLE ").identifier(table).append(" (").identifier("id")
                .append(" BIGINT NOT NULL PRIMARY KEY, ").identifier("price").append(" NUMERIC(10,2))").toString());
        String dlq = deadLetterTopic(topic);
        Map<String, String> config = tolerantConfig(topic, dlq);
        config.put("pk.mode", "record_key");
        config.put("auto.evolve", "false"); // with it, the sink widens the column to DECIMAL(11,3) instead
        String schema = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"price\",\"type\":\"bytes\",\"optional\":true,"
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"3\"}}]}";
        List<String> prices = List.of("1.230", "1.239", "-99999999.990", "123456789.000");
        for (int i = 0; i < prices.size(); i++) {
            produce(topic, idKey(i), "{\"schema\":" + schema + ",\"payload\":{\"id\":" + i + ",\"price\":\""
                    + Base64.getEncoder().encodeToString(new BigDecimal(prices.get(i)).unscaledValue().toByteArray())
                    + "\"}}");
        }
        String connector = start("prices", config);

        List<String> held = boundsDecimalColumns() ? List.of("0", "2") : List.of("0", "1", "2", "3");
        awaitRows(table, "id", rows -> {
            assertThat(rows).extracting(row -> row.get("id")).containsExactlyElementsOf(held);
            assertThat(rows).allSatisfy(row -> assertThat(new BigDecimal(row.get("price")))
                    .isEqualByComparingTo(prices.get(Integer.parseInt(row.get("id")))));
        });
        if (boundsDecimalColumns()) {
            assertThat(deadLetters(dlq, 2)).extracting(DeadLetter::reason)
                    .anySatisfy(reason -> assertThat(reason).contains("offset 1").contains("'price'")
                            .contains("round it"))
                    .anySatisfy(reason -> assertThat(reason).contains("offset 3").contains("'price'"));
        }
        awaitCommitted(connector, topic, prices.size());
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink's task died on a value");
    }

    /**
     * Issue 10's generated test: every edge case of {@link EdgeCases}, each group on its own topic (and table), all
     * through one connector: each value reads back equal ({@link StoredValues}) or, where this database cannot hold
     * it ({@link #refuses}), its record is dead-lettered naming the topic, offset and field; the task never dies.
     */
    @Test
    void writesEveryEdgeValueOrDeadLettersIt() throws Exception {
        String prefix = database().kind().toLowerCase(Locale.ROOT) + "-edge-" + SEQUENCE.incrementAndGet() + "-";
        Map<String, List<EdgeCase>> groups = EdgeCases.byGroup();
        Map<String, String> topics = new LinkedHashMap<>();
        groups.keySet().forEach(group -> {
            String topic = prefix + group.replaceAll("[^A-Za-z0-9]+", "_");
            cluster.kafka().createTopic(topic, 1);
            topics.put(group, topic);
        });
        String dlq = deadLetterTopic("dlq-" + prefix);
        Map<String, String> config = tolerantConfig("", dlq);
        config.remove("topics");
        config.put("topics.regex", java.util.regex.Pattern.quote(prefix) + ".*");
        config.put("value.converter", EdgeCaseConverter.class.getName());
        config.put("pk.mode", "record_key");
        groups.forEach((group, cases) -> {
            for (int i = 0; i < cases.size(); i++) {
                cluster.kafka().produce(topics.get(group), idKey(i), new String(EdgeCaseConverter.of(group, i),
                        StandardCharsets.UTF_8));
            }
        });
        String connector = start("edges", config);
        groups.forEach((group, cases) -> awaitCommitted(connector, topics.get(group), cases.size()));

        Map<String, DeadLetter> dead = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consumeAll(TIMEOUT.toMillis(), dlq)) {
            DeadLetter letter = deadLetter(record);
            dead.put(header(record, "__connect.errors.topic") + "@" + letter.offset(), letter);
        }
        List<String> failures = new ArrayList<>();
        int stored = 0;
        for (var entry : groups.entrySet()) {
            String topic = topics.get(entry.getKey());
            Map<Long, Object> rows = storedValues(tableFor(topic), entry.getValue().get(0));
            for (int i = 0; i < entry.getValue().size(); i++) {
                EdgeCase edge = entry.getValue().get(i);
                DeadLetter letter = dead.get(topic + "@" + i);
                if (refuses(edge)) {
                    if (rows.containsKey((long) i)) {
                        failures.add(edge + ": expected a refusal, but it was stored");
                    } else if (letter == null) {
                        failures.add(edge + ": neither stored nor dead-lettered");
                    } else if (!letter.reason().contains(topic) || !letter.reason().contains("offset " + i)
                            || !letter.reason().contains("'" + EdgeCaseConverter.FIELD + "'")) {
                        failures.add(edge + ": the dead letter's reason names no record or field: "
                                + letter.reason());
                    }
                } else if (!rows.containsKey((long) i)) {
                    failures.add(edge + ": not stored" + (letter == null ? "" : ", dead-lettered: "
                            + letter.reason()));
                } else {
                    String mismatch = StoredValues.mismatch(edge, rows.get((long) i), keepsNegativeZero());
                    if (mismatch != null) {
                        failures.add(mismatch);
                    }
                    stored++;
                }
            }
        }
        assertThat(failures).as("cases whose outcome is not this database's documented one").isEmpty();
        assertThat(stored).as("most cases are stored").isGreaterThan(groups.values().stream()
                .mapToInt(List::size).sum() / 2);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the sink's task died on a value");
    }

    /** The {@code v} column of every row by its {@code id}, read as {@link StoredValues#read} does. */
    private Map<Long, Object> storedValues(String table, EdgeCase kind) throws java.sql.SQLException {
        Map<Long, Object> values = new HashMap<>();
        if (!tableExists(table)) {
            return values;
        }
        String sql = dialect().sql().append("SELECT * FROM ").table(stored(table)).toString();
        try (java.sql.Connection connection = database().connect();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.put(rows.getLong("id"), StoredValues.read(rows, EdgeCaseConverter.FIELD, kind));
            }
        }
        return values;
    }

    // --- dead-letter queue ------------------------------------------------------------------------------------------

    /** A dead-lettered record: its value and the reason the worker recorded in its headers. */
    record DeadLetter(String value, String reason, long offset) {
    }

    String deadLetterTopic(String topic) {
        String dlq = topic + "-dlq";
        cluster.kafka().createTopic(dlq, 1);
        return dlq;
    }

    /** The sink's configuration with JSON schemas, errors.tolerance=all and this dead-letter queue. */
    Map<String, String> tolerantConfig(String topics, String dlq) {
        Map<String, String> config = sinkConfig(topics, true);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    List<DeadLetter> deadLetters(String dlq, int expected) {
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consume(expected, TIMEOUT.toMillis(), dlq)) {
            letters.add(deadLetter(record));
        }
        return letters;
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        String offset = header(record, "__connect.errors.offset");
        return new DeadLetter(record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                header(record, "__connect.errors.exception.message"), offset.isEmpty() ? -1 : Long.parseLong(offset));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
