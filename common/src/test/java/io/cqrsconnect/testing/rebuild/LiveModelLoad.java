package io.cqrsconnect.testing.rebuild;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A read model under load while it is rebuilt, for the rebuild tests of every store: a history of changes to
 * {@code keys + 1} rows, then a producer that keeps changing them (every other change bumps row 0, the clock row) and
 * a reader that asks the store every few milliseconds what its logical name shows. Records are JSON with schemas
 * ({@code id}, {@code clock}, {@code note}), as {@code JsonConverter} reads them.
 *
 * <p>The reader records a violation whenever the model is not there, has not every row, or shows the clock older
 * than it showed before; and every observation, so a test can check that the generation changed exactly once and a
 * field appeared only with it. The producer and the reader are paced by a scheduler, never by sleeps.
 */
public final class LiveModelLoad implements AutoCloseable {

    /** What one read of the logical name showed. */
    public record Observation(long rows, long clock, String generation, boolean hasNote) {
    }

    /** Reads the logical name once; throws when it cannot (which is a violation). */
    @FunctionalInterface
    public interface ModelReader {
        Observation read() throws Exception;
    }

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
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    /** The first send that failed: Kafka lacks a change the model is expected to show. */
    private final AtomicReference<Exception> lostChange = new AtomicReference<>();
    private final List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lastClock = new AtomicLong(-1);
    private ScheduledExecutorService load;

    /** @param keys rows 1..keys change besides the clock row 0 */
    public LiveModelLoad(String bootstrapServers, String topic, long keys) {
        this.topic = topic;
        this.keys = keys;
        // Not idempotent, one request in flight: order is kept through retries all the same. On a topic created a
        // moment ago the broker may refuse the first batch (NOT_LEADER_OR_FOLLOWER) and accept the next ones; an
        // idempotent producer then retried the first with a sequence the broker had passed, out of order until
        // it expired: 43 changes of the history lost (seen in CI).
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new StringSerializer());
    }

    /** Writes {@code rounds} changes of every row, and waits until Kafka has them. */
    public void writeHistory(int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (long id = 0; id <= keys; id++) {
                change(id);
            }
        }
        flush();
    }

    /** Starts the producer (a change every 5 ms) and the reader (a read every 3 ms). */
    public void start(ModelReader reader) {
        load = Executors.newScheduledThreadPool(2);
        load.scheduleWithFixedDelay(() -> change(clock.get() % 2 == 0 ? 0 : 1 + clock.get() % keys), 0, 5,
                TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(() -> read(reader), 0, 3, TimeUnit.MILLISECONDS);
    }

    /** Stops the producer and the reader, and waits until Kafka has every change. */
    public void stop() throws InterruptedException {
        if (load != null) {
            load.shutdown();
            if (!load.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the producer or the reader did not stop");
            }
        }
        flush();
    }

    /** Waits until Kafka has every change sent; fails when one was lost: the model would be expected to show it. */
    private void flush() {
        producer.flush();
        if (lostChange.get() != null) {
            throw new IllegalStateException("Kafka did not take a change: " + lostChange.get(), lostChange.get());
        }
    }

    /** Changes made so far. */
    public long changes() {
        return clock.get();
    }

    /** The last clock value of every row: what the model must equal once it has caught up. */
    public Map<Long, Long> expected() {
        return Map.copyOf(expected);
    }

    /** The rows the model must always have. */
    public long rows() {
        return keys + 1;
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public List<Observation> observations() {
        synchronized (observations) {
            return List.copyOf(observations);
        }
    }

    /** The generations the reader saw, in order, each once per run of reads that saw it. */
    public List<String> generationsSeen() {
        List<String> runs = new ArrayList<>();
        for (Observation observation : observations()) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(observation.generation())) {
                runs.add(observation.generation());
            }
        }
        return runs;
    }

    /** Whether any read before the generation {@code first} showed the note field. */
    public boolean noteSeenBefore(String first) {
        for (Observation observation : observations()) {
            if (observation.generation().equals(first)) {
                return false;
            }
            if (observation.hasNote()) {
                return true;
            }
        }
        return false;
    }

    /** One change of a row: its clock is the number of changes so far. */
    private synchronized void change(long id) {
        long now = clock.incrementAndGet();
        expected.put(id, now);
        producer.send(new ProducerRecord<>(topic, "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}",
                "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"clock\":" + now
                        + ",\"note\":\"n" + now + "\"}}"), (metadata, error) -> {
                            if (error != null) {
                                lostChange.compareAndSet(null, error);
                            }
                        });
    }

    private void read(ModelReader reader) {
        try {
            Observation seen = reader.read();
            if (seen.rows() != rows()) {
                violations.add("the model had " + seen.rows() + " rows in " + seen.generation());
            }
            if (seen.clock() < lastClock.get()) {
                violations.add("the clock went back from " + lastClock.get() + " to " + seen.clock() + " in "
                        + seen.generation());
            }
            lastClock.accumulateAndGet(seen.clock(), Math::max);
            observations.add(seen);
        } catch (Exception e) {
            violations.add("the model could not be read: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            producer.close();
        }
    }
}
