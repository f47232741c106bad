package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild in place, with downtime and no second generation: once the stopped live connector's tasks are gone its
 * model is cleared, its offsets go back to the start of the history, and it replays with the rebuild's changes,
 * committing often; once it has caught up with the targets it gets its own commit interval back.
 */
final class InPlaceRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(InPlaceRebuild.class);

    private final RebuildConfig config;
    private final ConnectApi connect;
    private final TopicPositions positions;
    private final ReadModelStore store;
    private final BuilderProgress progress;
    private final Clock clock;

    InPlaceRebuild(RebuildConfig config, ConnectApi connect, TopicPositions positions, ReadModelStore store,
                   BuilderProgress progress, Clock clock) {
        this.config = config;
        this.connect = connect;
        this.positions = positions;
        this.store = store;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Once the stopped live connector's tasks are gone, clears what its readers see, sets its offsets to the start of
     * the history, applies the rebuild's config changes and resumes it. Each step is idempotent.
     */
    RebuildStatus clear(RebuildStatus status, LiveConfig liveConfig) {
        Map<String, String> live = liveConfig.get();
        ConnectApi.ConnectorState liveState = connect.state(status.connector())
                .orElseThrow(() -> new ConnectException("the connector '" + status.connector()
                        + "' was deleted during its rebuild in place"));
        Map<String, String> replaying = ConnectorConfigs.replayingInPlace(live, status);
        boolean changesConfig = !ConnectorConfigs.replayingInPlace(config.liveConfig(), status)
                .equals(config.liveConfig());
        // the replay's config on the connector marks the clearing done (before a restart of this coordinator)
        boolean cleared = changesConfig && replaying.equals(live);
        if (!cleared && !liveState.stopped()) {
            connect.stop(status.connector());
            return status;
        }
        if (!cleared) {
            if (positions.hasMembers(TopicPositions.groupOf(status.connector(), live))) {
                return status; // its tasks are writing and committing their last records
            }
            for (String name : status.logicalNames()) {
                String physical = status.servingGeneration() > 0
                        ? new ReadModelGeneration(name, status.servingGeneration()).physicalName() : name;
                try {
                    store.clear(physical);
                } catch (Exception e) {
                    throw new RetriableException("could not clear '" + physical + "': " + e, e);
                }
                LOG.info("Rebuild of '{}' in place: cleared '{}'", status.connector(), physical);
            }
            Map<TopicPartition, Long> start = new HashMap<>();
            status.partitions().forEach(p -> start.put(new TopicPartition(p.topic(), p.partition()), p.start()));
            connect.alterSinkOffsets(status.connector(), start);
            if (changesConfig) {
                connect.replaceConfig(status.connector(), replaying);
            }
        }
        // cleared, reset and reconfigured (now or before a restart): a no-op for one that runs already
        connect.resume(status.connector());
        long pause = clock.millis() - status.handoffStartedAtMs();
        LOG.info("Rebuild of '{}' in place: resumed from the earliest offsets after {} ms", status.connector(),
                pause);
        return status.withHandoff(status.handoffStartedAtMs(), pause).in(RebuildState.BUILDING);
    }

    /** Follows the live connector's replay until it has committed every target; then it is done. */
    RebuildStatus follow(RebuildStatus status, LiveConfig live) {
        RebuildStatus progressed = progress.withRate(progress.withOffsets(status), clock.millis());
        if (!progressed.caughtUp()) {
            return progressed;
        }
        return finish(progressed, live);
    }

    /** Caught up: the connector gets its own offset.commit.interval.ms back (its tasks restart). */
    private RebuildStatus finish(RebuildStatus progressed, LiveConfig liveConfig) {
        Map<String, String> live = new LinkedHashMap<>(liveConfig.get());
        String own = config.liveConfig().get(CommitRequests.INTERVAL_CONFIG);
        if (!Objects.equals(own, live.get(CommitRequests.INTERVAL_CONFIG))) {
            if (own == null) {
                live.remove(CommitRequests.INTERVAL_CONFIG);
            } else {
                live.put(CommitRequests.INTERVAL_CONFIG, own);
            }
            connect.replaceConfig(progressed.connector(), live);
        }
        LOG.info("Rebuild of '{}' in place done: it has replayed its topics' history into {}",
                progressed.connector(), progressed.logicalNames());
        return progressed.in(RebuildState.DONE);
    }
}
