package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild beside the serving generation, from the builder's replay to the live connector's resume on the new
 * generation: follows the builder until it has caught up (moving its targets while live writes arrive), stops the
 * live connector for the handoff, lets the builder pass the live connector's final offsets, switches each logical name
 * and resumes the live connector from the builder's offsets, then retires the generations no longer kept.
 */
final class GenerationalRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationalRebuild.class);
    /** The builder's backlog at the handoff, in seconds of its work, below which the targets stop moving. */
    static final double HANDOFF_BACKLOG_SECONDS = 1.0;
    /** A backlog this small is handed off whatever the rate says (the rate is unknown early on). */
    static final long MIN_HANDOFF_BACKLOG = 1_000;
    /** The most times the targets move: live writes faster than the builder would move them forever. */
    static final int MAX_CATCH_UP_ROUNDS = 5;

    private final RebuildConfig config;
    private final ConnectApi connect;
    private final TopicPositions positions;
    private final ReadModelStore store;
    private final ConnectorConfigs configs;
    private final BuilderProgress progress;
    private final Clock clock;
    /** Times the targets moved to the topics' ends since this coordinator started. */
    private int catchUpRounds;

    GenerationalRebuild(RebuildConfig config, ConnectApi connect, TopicPositions positions, ReadModelStore store,
                        ConnectorConfigs configs, BuilderProgress progress, Clock clock) {
        this.config = config;
        this.connect = connect;
        this.positions = positions;
        this.store = store;
        this.configs = configs;
        this.progress = progress;
        this.clock = clock;
    }

    /** Follows the builder; once it has caught up, readies the new generation and stops the live connector. */
    RebuildStatus build(RebuildStatus status, LiveConfig live) {
        RebuildStatus progressed = progress.withOffsets(status);
        long now = clock.millis();
        progressed = progress.withRate(progressed, now);
        if (!progressed.caughtUp()) {
            return progressed;
        }
        // What arrived while the builder replayed is replayed during the handoff, while live writes pause, unless
        // the builder catches up with it first: move the targets to the topics' ends until what is left is about
        // a second of the builder's work (a few rounds at most, in case the live writes outrun the builder)
        Map<TopicPartition, Long> ends = positions.latest(progressed.partitions().stream()
                .map(PartitionProgress::topic).distinct().toList());
        long backlog = 0;
        for (PartitionProgress partition : progressed.partitions()) {
            backlog += Math.max(0, ends.getOrDefault(new TopicPartition(partition.topic(), partition.partition()),
                    partition.target()) - partition.current());
        }
        if (catchUpRounds < MAX_CATCH_UP_ROUNDS
                && backlog > Math.max(MIN_HANDOFF_BACKLOG, progress.perSecond() * HANDOFF_BACKLOG_SECONDS)) {
            catchUpRounds++;
            LOG.info("Rebuild of '{}': generation {} reached its targets; {} records arrived meanwhile, so the "
                    + "targets move to the topics' ends (round {})", status.connector(), status.buildingGeneration(),
                    backlog, catchUpRounds);
            return progressed.withPartitions(progressed.partitions().stream().map(p -> p.withTarget(ends
                    .getOrDefault(new TopicPartition(p.topic(), p.partition()), p.target()))).toList());
        }
        Map<String, String> builderConfig = configs.builder(live.get(), status);
        for (String name : status.logicalNames()) {
            ReadModelGeneration target = new ReadModelGeneration(name, status.buildingGeneration());
            try {
                store.beforeHandoff(target, builderConfig);
            } catch (Exception e) {
                throw new RetriableException("could not ready " + target + " for readers: " + e, e);
            }
        }
        LOG.info("Rebuild of '{}': generation {} has caught up; stopping '{}' for the handoff", status.connector(),
                status.buildingGeneration(), status.connector());
        connect.stop(status.connector());
        return progressed.withHandoff(now, 0).in(RebuildState.HANDING_OFF);
    }

    /**
     * Waits for the live connector's tasks to be gone, then for the builder to pass every offset the live connector
     * committed last, then for the builder's tasks to be gone: its offsets are final.
     */
    RebuildStatus handOff(RebuildStatus status, LiveConfig liveConfig) {
        ConnectApi.ConnectorState liveState = connect.state(status.connector())
                .orElseThrow(() -> new ConnectException("the connector '" + status.connector()
                        + "' was deleted during its rebuild's handoff"));
        if (!liveState.stopped()
                || positions.hasMembers(TopicPositions.groupOf(status.connector(), liveConfig.get()))) {
            connect.stop(status.connector());
            return status; // its tasks are writing and committing their last records; look again at the next step
        }
        Map<TopicPartition, Long> live = connect.sinkOffsets(status.connector());
        RebuildStatus progressed = progress.withOffsets(status);
        List<PartitionProgress> partitions = new ArrayList<>();
        boolean passed = true;
        for (PartitionProgress partition : progressed.partitions()) {
            long liveOffset = live.getOrDefault(new TopicPartition(partition.topic(), partition.partition()), 0L);
            partitions.add(partition.withLive(liveOffset));
            passed &= partition.current() >= liveOffset;
        }
        progressed = progressed.withPartitions(partitions);
        if (!passed) {
            return progressed;
        }
        ConnectApi.ConnectorState builderState = connect.state(status.builder())
                .orElseThrow(() -> new ConnectException("the builder '" + status.builder() + "' was deleted"));
        if (!builderState.stopped() || progress.stillWriting(status, liveConfig.get())) {
            connect.stop(status.builder());
            return progressed;
        }
        // stopped: its offsets are final, and at least the ones read while it ran
        return progress.withOffsets(progressed).in(RebuildState.SWITCHING);
    }

    /** Points each logical name that does not show the new generation yet at it. */
    RebuildStatus switchNames(RebuildStatus status, LiveConfig live) {
        for (String name : status.logicalNames()) {
            ReadModelGeneration target = new ReadModelGeneration(name, status.buildingGeneration());
            try {
                if (store.names().generations(name).contains(target)
                        && !store.names().current(name).map(target::equals).orElse(false)) {
                    store.beforeSwitch(target, configs.builder(live.get(), status));
                    store.names().pointTo(target);
                    LOG.info("Rebuild of '{}': '{}' now shows generation {}", status.connector(), name,
                            status.buildingGeneration());
                }
            } catch (Exception e) {
                throw new RetriableException("could not switch '" + name + "' to " + target + ": " + e, e);
            }
        }
        return status.in(RebuildState.RESUMING);
    }

    /** Resumes the live connector on the new generation from the builder's offsets; the builder goes. */
    RebuildStatus resume(RebuildStatus status, LiveConfig live) {
        if (live.generation() != status.buildingGeneration()) {
            // still on the old generation, so still stopped: its offsets and config change before it resumes
            Map<TopicPartition, Long> offsets = new HashMap<>();
            status.partitions().forEach(p -> offsets.put(new TopicPartition(p.topic(), p.partition()),
                    p.current()));
            connect.alterSinkOffsets(status.connector(), offsets);
            connect.replaceConfig(status.connector(), ConnectorConfigs.resumingOnNewGeneration(live.get(), status));
        }
        connect.resume(status.connector()); // a no-op for one that runs already
        long pause = clock.millis() - status.handoffStartedAtMs();
        connect.delete(status.builder());
        retireOld(status);
        LOG.info("Rebuild of '{}' done: generation {} serves {}; live writes paused {} ms for the handoff",
                status.connector(), status.buildingGeneration(), status.logicalNames(), pause);
        return status.withHandoff(status.handoffStartedAtMs(), pause).in(RebuildState.DONE);
    }

    private void retireOld(RebuildStatus status) {
        int oldestKept = status.buildingGeneration() - config.keepGenerations() + 1;
        for (String name : status.logicalNames()) {
            try {
                for (ReadModelGeneration generation : store.names().generations(name)) {
                    if (generation.generation() < oldestKept) {
                        store.names().retire(generation);
                        LOG.info("Rebuild of '{}': retired {}", status.connector(), generation);
                    }
                }
            } catch (Exception e) {
                LOG.warn("Rebuild of '{}': could not retire the old generations of '{}': {}", status.connector(),
                        name, e.toString());
            }
        }
    }
}
