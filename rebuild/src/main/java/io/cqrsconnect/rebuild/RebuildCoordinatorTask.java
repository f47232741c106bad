package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cqrsconnect.common.plugin.PluginVersion;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one rebuild: reads the status a previous run of the same request left (or begins one), then takes a step
 * every {@code rebuild.poll.interval.ms} and writes the status after each. It produces no records.
 *
 * <p>Before the switch, a problem that cannot be retried ends the rebuild (the builder and its partial generation
 * are dropped, the live connector resumes as it was); during the handoff every problem is retried, because giving up
 * there would leave the live connector stopped.
 */
public class RebuildCoordinatorTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildCoordinatorTask.class);
    static final String SINK_CLASS_CONFIG = "rebuild.sink.class";

    private final CountDownLatch stopped = new CountDownLatch(1);
    private RebuildConfig config;
    private TopicPositions positions;
    private StatusLog log;
    private ReadModelStore store;
    private RebuildCoordinator coordinator;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RebuildConfig(props);
        log = new StatusLog(config.statusTopic(), config.kafkaClient());
        log.ensureTopic();
        RebuildStatus status = log.read(config.connector())
                .filter(previous -> previous.startedAt().equals(config.requestedAt()))
                .orElseGet(() -> RebuildStatus.requested(config.connector(), config.overrides(),
                        config.requestedAt()));
        positions = new TopicPositions(config.kafkaClient());
        store = newStore(props.get(RebuildConfig.STORE_CLASS_CONFIG));
        ConnectApi connect = config.connectApi();
        store.open(connect.config(config.connector()).orElseThrow(() -> new ConnectException(
                "there is no connector '" + config.connector() + "' to rebuild")));
        coordinator = new RebuildCoordinator(config, props.get(SINK_CLASS_CONFIG), connect, positions, store, status,
                Clock.systemUTC());
        log.write(status);
        LOG.info("Rebuild of '{}' requested at {}: {}", config.connector(), config.requestedAt(), status.state());
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
        if (!before.state().terminal()) {
            RebuildStatus after;
            try {
                after = coordinator.step();
            } catch (RetriableException e) {
                after = retry(before, e);
            } catch (RuntimeException e) {
                after = before.state().cancellable() ? coordinator.fail(e.getMessage()) : retry(before, e);
            }
            if (!after.equals(before)) {
                log.write(after);
            }
        }
        stopped.await(config.pollIntervalMs(), TimeUnit.MILLISECONDS);
        return null;
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
        if (log != null) {
            log.close();
        }
    }
}
