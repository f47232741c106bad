package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.plugin.PluginVersion;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one rebuild: reads the status a previous run of the same request left (or begins one), then takes a
 * step every {@code rebuild.poll.interval.ms}. Each new status is one source record in the status topic and the
 * task's source offset, so Connect keeps the rebuild's state where a restarted task, on any worker, finds it; and
 * {@code GET /connectors/<connector>-rebuild/offsets} shows it through the plain REST API.
 *
 * <p>Before the switch, a problem that cannot be retried ends the rebuild (the builder and its partial generation
 * are dropped, the live connector resumes as it was); from the handoff on every problem is retried, because giving
 * up there would leave the live connector stopped.
 */
public class RebuildCoordinatorTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildCoordinatorTask.class);
    static final String SINK_CLASS_CONFIG = "rebuild.sink.class";
    /** The key of a rebuild's source partition: the live connector's name. */
    public static final String PARTITION_KEY = "connector";
    /** The key of the status (JSON) in a rebuild's source offset. */
    public static final String OFFSET_KEY = "status";
    /** A status is written at least this often while the builder runs, so progress stays fresh. */
    private static final long PROGRESS_INTERVAL_MS = 5_000;
    /**
     * How often the coordinator looks again while live writes are paused (rebuild.poll.interval.ms when that is
     * shorter): a handoff takes a few quick looks at the connectors' states and offsets, and each costs the REST API
     * and the Admin client a few requests.
     */
    static final long HANDOFF_POLL_INTERVAL_MS = 100;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private RebuildConfig config;
    private TopicPositions positions;
    private ReadModelStore store;
    private RebuildCoordinator coordinator;
    private TaskMetrics metrics;
    private RebuildStatus written;
    private long writtenAtMs;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RebuildConfig(props);
        StatusLog statusLog = new StatusLog(config.statusTopic(), config.kafkaClient());
        statusLog.ensureTopic();
        // The status topic is at least as fresh as the committed source offset (Connect commits an offset only
        // once its record is in Kafka), which lags by up to offset.flush.interval.ms: a coordinator restarted from
        // the offset alone could begin again a rebuild that had finished, and build and switch one more generation.
        RebuildStatus status = statusLog.read(config.connector())
                .filter(last -> last.startedAt().equals(config.requestedAt()))
                .or(() -> Optional.ofNullable(committedStatus())
                        .filter(last -> last.startedAt().equals(config.requestedAt())))
                .orElseGet(() -> RebuildStatus.requested(config.connector(), config.overrides(),
                        config.requestedAt(), config.inPlace()));
        positions = new TopicPositions(config.kafkaClient());
        store = newStore(props.get(RebuildConfig.STORE_CLASS_CONFIG));
        ConnectApi connect = config.connectApi();
        Map<String, String> live = config.liveConfig();
        if (live.isEmpty()) {
            throw new ConnectException("The rebuild coordinator of '" + config.connector() + "' has no copy of its "
                    + "config under " + RebuildConfig.LIVE_PREFIX + ": start rebuilds with POST /read-models/"
                    + config.connector() + "/rebuild or cqrs-rebuild, which make one.");
        }
        store.open(live);
        coordinator = new RebuildCoordinator(config, props.get(SINK_CLASS_CONFIG), connect, positions, store, status,
                Clock.systemUTC());
        metrics = TaskMetrics.of(context);
        new RebuildMetrics(metrics, coordinator::status);
        LOG.info("Rebuild of '{}' requested at {}: {}", config.connector(), config.requestedAt(), status.state());
    }

    private RebuildStatus committedStatus() {
        Map<String, Object> offset = context.offsetStorageReader().offset(Map.of(PARTITION_KEY, config.connector()));
        if (offset == null || offset.get(OFFSET_KEY) == null) {
            return null;
        }
        try {
            return StatusLog.JSON.readValue(offset.get(OFFSET_KEY).toString(), RebuildStatus.class);
        } catch (JsonProcessingException e) {
            LOG.warn("Rebuild of '{}': ignoring a committed status that does not read ({})", config.connector(),
                    e.getOriginalMessage());
            return null;
        }
    }

    private static ReadModelStore newStore(String className) {
        try {
            return Class.forName(className, true, RebuildCoordinatorTask.class.getClassLoader())
                    .asSubclass(ReadModelStore.class).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConnectException("cannot create the read model store " + className + ": " + e, e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        RebuildStatus before = coordinator.status();
        RebuildStatus after = before;
        if (!before.state().terminal()) {
            try {
                after = coordinator.step();
            } catch (RetriableException e) {
                after = retry(before, e);
            } catch (RuntimeException e) {
                after = before.cancellable() ? coordinator.fail(e.getMessage()) : retry(before, e);
            }
        }
        if (after.state() == before.state()) {
            // nothing moved on to the next state: wait before looking again (a new state goes on at once); while
            // live writes are paused every look that finds the next step not ready yet adds its wait to the pause
            stopped.await(after.state().pausesLiveWrites()
                    ? Math.min(config.pollIntervalMs(), HANDOFF_POLL_INTERVAL_MS) : config.pollIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        long now = System.currentTimeMillis();
        boolean due = written == null || !after.equals(written) && (after.state() != written.state()
                || after.state() != RebuildState.BUILDING || now - writtenAtMs >= PROGRESS_INTERVAL_MS);
        if (!due) {
            return null;
        }
        written = after;
        writtenAtMs = now;
        return List.of(record(after));
    }

    private SourceRecord record(RebuildStatus status) {
        String json;
        try {
            json = StatusLog.JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new ConnectException("cannot write a rebuild status as JSON", e);
        }
        return new SourceRecord(Map.of(PARTITION_KEY, status.connector()), Map.of(OFFSET_KEY, json),
                config.statusTopic(), null, Schema.STRING_SCHEMA, status.connector(), Schema.STRING_SCHEMA, json);
    }

    private RebuildStatus retry(RebuildStatus before, RuntimeException e) {
        LOG.warn("Rebuild of '{}' ({}): {}; retrying", config.connector(), before.state(), e.getMessage());
        return coordinator.status().withLastError(e.getMessage());
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (positions != null) {
            positions.close();
        }
        if (store != null) {
            store.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
