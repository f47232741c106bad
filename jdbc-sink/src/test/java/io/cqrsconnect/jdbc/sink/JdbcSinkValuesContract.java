package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            var reason = record.headers().lastHeader("__connect.errors.exception.message");
            var offset = record.headers().lastHeader("__connect.errors.offset");
            letters.add(new DeadLetter(record.value() == null ? null : new String(record.value(),
                    StandardCharsets.UTF_8), reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8),
                    offset == null ? -1 : Long.parseLong(new String(offset.value(), StandardCharsets.UTF_8))));
        }
        return letters;
    }
}
