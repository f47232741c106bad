package io.cqrsconnect.packaging.rebuild;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The changes a source publishes for a read model of {@code keys} rows, in the JSON (with schemas) of the worker's
 * default converter. Every change carries the next value of one clock, so a row's clock only grows; row 0 is the
 * clock row, which every other live change moves forward, so a reader that sees its clock go back sees an older model.
 * Each value also carries {@code note}, a field the live connector leaves out until a rebuild adds it.
 *
 * <p>It remembers each row's last clock ({@link #expected()}): what the model must equal once everything is written.
 */
final class ClockChanges implements AutoCloseable {

    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\","
            + "\"type\":\"int64\",\"optional\":false}]}";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"clock\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";

    private final String topic;
    private final long keys;
    private final KafkaProducer<String, String> producer;
    private final Map<Long, Long> expected = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    ClockChanges(String bootstrapServers, String topic, long keys) {
        this.topic = topic;
        this.keys = keys;
        // batches of up to 512 KB: a history of hundreds of thousands of changes is written in seconds
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024),
                new StringSerializer(), new StringSerializer());
    }

    /** Writes {@code changes} changes that go round every row in turn, and waits until Kafka has them all. */
    void history(int changes) {
        for (int i = 0; i < changes; i++) {
            change(i % keys);
        }
        producer.flush();
    }

    /** One live change: every other one moves the clock row, the others go round the remaining rows. */
    void next() {
        long now = clock.get();
        change(now % 2 == 0 ? 0 : 1 + now % (keys - 1));
    }

    /** Sends one change; synchronized so the last change sent per row is the last one remembered. */
    private synchronized void change(long id) {
        long now = clock.incrementAndGet();
        expected.put(id, now);
        producer.send(new ProducerRecord<>(topic, "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}",
                "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"clock\":" + now
                        + ",\"note\":\"n" + now + "\"}}"));
    }

    /** Changes sent so far. */
    long count() {
        return clock.get();
    }

    long keys() {
        return keys;
    }

    /** Each row's last clock: what the model shows once it has every change sent so far. */
    Map<Long, Long> expected() {
        return Map.copyOf(expected);
    }

    @Override
    public void close() {
        producer.close();
    }
}
