package io.cqrsconnect.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The live traffic a read model gets while it is rebuilt: changes of existing ids at a steady rate, in
 * {@link TopicLoader}'s record format, from a thread of its own. Only updates, so the model's row count stays what
 * the loaded workload left; each id is changed to its next version ({@code 2} the first time), and the last version
 * of every id changed is kept, so the model can be checked against them afterwards.
 */
final class LiveUpdates implements AutoCloseable {

    /** Ticks per second: the rate is spread over them, so the traffic is steady rather than one burst a second. */
    private static final int TICKS = 50;
    /** A prime: stepping by it modulo the id count visits every id once before any twice (ids are 10^k here). */
    private static final long STRIDE = 104_729;

    private final String topic;
    private final long ids;
    private final int perTick;
    private final BenchmarkRecords records = new BenchmarkRecords();
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Written by the timer thread only; read after it has ended. */
    private final Map<Long, Integer> lastVersions = new HashMap<>();
    /** Written by the timer thread only; read by others while it runs. */
    private volatile long sent;
    private long startedAt;
    private Duration ran;

    private LiveUpdates(String bootstrapServers, String topic, long ids, int perSecond) {
        this.topic = topic;
        this.ids = ids;
        this.perTick = Math.max(1, perSecond / TICKS);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ACKS_CONFIG, "1"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts changing the ids {@code 0..ids-1} of {@code topic}, about {@code perSecond} changes a second. */
    static LiveUpdates start(String bootstrapServers, String topic, long ids, int perSecond) {
        LiveUpdates updates = new LiveUpdates(bootstrapServers, topic, ids, perSecond);
        updates.startedAt = System.nanoTime();
        updates.timer.scheduleAtFixedRate(updates::tick, 0, 1000 / TICKS, TimeUnit.MILLISECONDS);
        return updates;
    }

    private void tick() {
        for (int i = 0; i < perTick; i++) {
            long id = Math.floorMod(sent * STRIDE, ids);
            int version = lastVersions.getOrDefault(id, 1) + 1;
            lastVersions.put(id, version);
            sent++;
            producer.send(new ProducerRecord<>(topic, records.key(topic, id), records.value(topic, id, version)),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        }
    }

    /** Stops the traffic once every change sent is acknowledged; a failed send fails here. */
    void stop() throws InterruptedException {
        if (ran != null) {
            return;
        }
        timer.shutdown();
        if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the live updates did not stop");
        }
        ran = Duration.ofNanos(System.nanoTime() - startedAt);
        producer.flush();
        producer.close();
        if (failure.get() != null) {
            throw new IllegalStateException("a live update to " + topic + " failed", failure.get());
        }
    }

    /** Changes sent per second, from the start to {@link #stop}. */
    double perSecond() {
        return sent / (ran.toNanos() / 1e9);
    }

    long sent() {
        return sent;
    }

    /** The last change of every id the traffic changed, once stopped: what the model must hold. */
    List<Workload.Change> lastChanges() {
        if (ran == null) {
            throw new IllegalStateException("stop the live updates first");
        }
        List<Workload.Change> changes = new ArrayList<>();
        lastVersions.forEach((id, version) -> changes.add(new Workload.Change(id, version)));
        return changes;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
