package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.common.readmodel.FirstGenerationPublisher;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a rebuild one step at a time ({@link #step}), each step idempotent, so a coordinator restarted anywhere
 * goes on from the last status it wrote.
 *
 * <p>The handoff never goes backwards: the live connector is stopped first and its final committed offsets read;
 * the builder runs until it has passed every one of them and is then stopped; only then does each logical name
 * switch to the new generation, which therefore holds everything the old one held and more. The live connector
 * resumes from the builder's offsets, on the new generation, with the rebuild's config changes.
 */
final class RebuildCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildCoordinator.class);
    static final String GENERATION_CONFIG = FirstGenerationPublisher.GENERATION_CONFIG;
    /** The builder's backlog at the handoff, in seconds of its work, below which the targets stop moving. */
    static final double HANDOFF_BACKLOG_SECONDS = 1.0;
    /** A backlog this small is handed off whatever the rate says (the rate is unknown early on). */
    static final long MIN_HANDOFF_BACKLOG = 1_000;
    /** The most times the targets move: live writes faster than the builder would move them forever. */
    static final int MAX_CATCH_UP_ROUNDS = 5;
    /** The longest {@code offset.commit.interval.ms} a builder runs with. */
    static final long BUILDER_COMMIT_INTERVAL_MS = 1_000;

    private final RebuildConfig config;
    private final String sinkClass;
    private final ConnectApi connect;
    private final TopicPositions positions;
    private final ReadModelStore store;
    private final Clock clock;
    private final ProgressRate rate = new ProgressRate();
    /** Times the targets moved to the topics' ends since this coordinator started. */
    private int catchUpRounds;
    /** Read by metrics reporters on their own threads. */
    private volatile RebuildStatus status;

    /** @param sinkClass the sink connector class this plugin's coordinator rebuilds */
    RebuildCoordinator(RebuildConfig config, String sinkClass, ConnectApi connect, TopicPositions positions,
                       ReadModelStore store, RebuildStatus status, Clock clock) {
        this.config = config;
        this.sinkClass = sinkClass;
        this.connect = connect;
        this.positions = positions;
        this.store = store;
        this.status = status;
        this.clock = clock;
    }

    RebuildStatus status() {
        return status;
    }

    /** Takes the next step the current state allows, if any, and returns the status after it. */
    RebuildStatus step() {
        if (config.cancel() && status.cancellable()) {
            return status = cancel();
        }
        if (config.cancel() && !status.cancellable() && !status.state().terminal()
                && status.state() != RebuildState.CANCELLING && status.state() != RebuildState.FAILING) {
            status = status.withLastError(status.inPlace()
                    ? "Too late to cancel: the model was cleared in place; the connector replays into it."
                    : "Too late to cancel: the logical names already show generation " + status.buildingGeneration()
                    + "; the rebuild finishes the handoff.");
        }
        if (!status.inPlace() && status.buildingGeneration() > 0
                && status.state().compareTo(RebuildState.RESUMING) < 0
                && liveGeneration(liveConfig()) == status.buildingGeneration()) {
            // a status from before a crash: the live connector already runs on the new generation, so the handoff
            // is done, and only its last steps may be missing (going back would stop it or drop its generation)
            status = status.in(RebuildState.RESUMING);
        }
        status = switch (status.state()) {
            case PREPARING -> prepare();
            case CLEARING -> clearInPlace();
            case BUILDING -> status.inPlace() ? followInPlace() : build();
            case HANDING_OFF -> handOff();
            case SWITCHING -> switchNames();
            case RESUMING -> resume();
            case CANCELLING -> dropPartialGeneration(RebuildState.CANCELLED);
            case FAILING -> dropPartialGeneration(RebuildState.FAILED);
            case DONE, CANCELLED, FAILED -> status;
        };
        return status;
    }

    private RebuildStatus prepare() {
        Map<String, String> live = liveConfig();
        if (!sinkClass.equals(live.get("connector.class"))) {
            return failed("it is a " + live.get("connector.class") + ", and this coordinator rebuilds the read "
                    + "models of " + sinkClass);
        }
        int serving = liveGeneration(live);
        if (serving < 0) {
            return failed("its " + GENERATION_CONFIG + " is not a number");
        }
        if (serving < 1 && !status.inPlace()) {
            return failed("it writes without generations (" + GENERATION_CONFIG + "=0), so there is no logical "
                    + "name to switch. Set " + GENERATION_CONFIG + "=1 on a new table or index (readers then use "
                    + "the logical name), or rebuild it in place, with downtime (" + RebuildConfig.IN_PLACE_CONFIG
                    + ": cqrs-rebuild start --in-place, or POST /read-models/{connector}/rebuild?in_place=true)");
        }
        List<String> topics = positions.topicsOf(live);
        List<String> names = store.logicalNames(live, topics);
        Map<TopicPartition, Long> earliest = positions.earliest(topics);
        Map<TopicPartition, Long> latest = positions.latest(topics);
        if (!config.force()) {
            String refusal = retentionRefusal(earliest, positions.compacted(topics));
            if (refusal != null) {
                return failed(refusal);
            }
        }
        List<PartitionProgress> partitions = new ArrayList<>();
        earliest.keySet().stream().sorted((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()))
                .forEach(tp -> partitions.add(new PartitionProgress(tp.topic(), tp.partition(), earliest.get(tp),
                        latest.get(tp), earliest.get(tp), -1)));
        if (status.inPlace()) {
            LOG.info("Rebuild of '{}' in place: stopping it to clear {} and replay its topics from the earliest "
                    + "offsets", status.connector(), names);
            connect.stop(status.connector());
            return status.withGenerations(serving, serving).withLogicalNames(names).withPartitions(partitions)
                    .withHandoff(clock.millis(), 0).in(RebuildState.CLEARING).withLastError(null);
        }
        RebuildStatus named = status.withGenerations(serving, serving + 1);
        if (connect.create(named.builder(), builderConfig(live, named))) {
            LOG.info("Rebuild of '{}': building generation {} of {} with connector '{}' from the earliest offsets",
                    status.connector(), serving + 1, names, named.builder());
        }
        return named.withLogicalNames(names).withPartitions(partitions).in(RebuildState.BUILDING)
                .withLastError(null);
    }

    /** A refusal when retention has deleted the beginning of a topic that is not compacted, else null. */
    private static String retentionRefusal(Map<TopicPartition, Long> earliest, Set<String> compacted) {
        List<String> truncated = earliest.entrySet().stream()
                .filter(entry -> entry.getValue() > 0 && !compacted.contains(entry.getKey().topic()))
                .map(entry -> entry.getKey() + " begins at offset " + entry.getValue())
                .sorted().toList();
        if (truncated.isEmpty()) {
            return null;
        }
        return "retention has already deleted early history (" + String.join(", ", truncated) + "), so the new "
                + "generation would lack it. Set " + RebuildConfig.FORCE_CONFIG + "=true (the REST extension's "
                + "?force=true) to rebuild from what is retained; a compacted topic keeps every key's last value and "
                + "is fine for upsert models";
    }

    /** The live connector's config with the rebuild's changes, under the builder's name and next generation. */
    private Map<String, String> builderConfig(Map<String, String> live, RebuildStatus named) {
        Map<String, String> builder = new LinkedHashMap<>(live);
        builder.putAll(store.replaySettings(live));
        builder.putAll(named.configOverrides());
        builder.put("name", named.builder());
        builder.put(GENERATION_CONFIG, Integer.toString(named.buildingGeneration()));
        committingOften(builder);
        if (builder.containsKey("consumer.override.group.id")) {
            // its own consumer group, or it would share the live connector's offsets
            builder.put("consumer.override.group.id", "connect-" + named.builder());
        }
        return builder;
    }

    /**
     * Has the connector with this config ask for a commit every second, whatever the worker's
     * offset.flush.interval.ms, or more often if it says so: the coordinator follows the connector writing the new
     * model by its committed offsets (progress, handoff).
     */
    private static void committingOften(Map<String, String> config) {
        long interval = parseLong(config.get(CommitRequests.INTERVAL_CONFIG), 0);
        if (interval <= 0 || interval > BUILDER_COMMIT_INTERVAL_MS) {
            config.put(CommitRequests.INTERVAL_CONFIG, Long.toString(BUILDER_COMMIT_INTERVAL_MS));
        }
    }

    private RebuildStatus build() {
        RebuildStatus progressed = withBuilderOffsets(status);
        long now = clock.millis();
        rate.record(now, progressed.recordsDone());
        progressed = progressed.withRate(rate.perSecond(), rate.etaSeconds(progressed.recordsTotal()
                - progressed.recordsDone()));
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
                && backlog > Math.max(MIN_HANDOFF_BACKLOG, rate.perSecond() * HANDOFF_BACKLOG_SECONDS)) {
            catchUpRounds++;
            LOG.info("Rebuild of '{}': generation {} reached its targets; {} records arrived meanwhile, so the "
                    + "targets move to the topics' ends (round {})", status.connector(), status.buildingGeneration(),
                    backlog, catchUpRounds);
            return progressed.withPartitions(progressed.partitions().stream().map(p -> p.withTarget(ends
                    .getOrDefault(new TopicPartition(p.topic(), p.partition()), p.target()))).toList());
        }
        Map<String, String> builderConfig = builderConfig(liveConfig(), status);
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
     * In place: once the stopped live connector's tasks are gone, clears what its readers see, sets its offsets to
     * the start of the history, applies the rebuild's config changes and resumes it. Each step is idempotent.
     */
    private RebuildStatus clearInPlace() {
        Map<String, String> live = new LinkedHashMap<>(liveConfig());
        ConnectApi.ConnectorState liveState = connect.state(status.connector())
                .orElseThrow(() -> new ConnectException("the connector '" + status.connector()
                        + "' was deleted during its rebuild in place"));
        Map<String, String> replaying = replayingInPlace(live);
        boolean changesConfig = !replayingInPlace(config.liveConfig()).equals(config.liveConfig());
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

    /**
     * The config the connector replays in place with: the rebuild's changes, and a commit every second so the
     * coordinator follows the replay closely ({@link #finishInPlace} gives it its own interval back). Applied, it
     * also tells a restarted coordinator that clearing is done; when it changes nothing (no changes, and the
     * connector commits that often already) a restarted coordinator cannot tell and clears again, which loses
     * nothing, since the connector has not resumed.
     */
    private Map<String, String> replayingInPlace(Map<String, String> live) {
        Map<String, String> replaying = new LinkedHashMap<>(live);
        status.configOverrides().forEach((key, value) -> {
            if (!key.startsWith(RebuildConfig.REPLAY_PREFIX)) {
                replaying.put(key, value);
            }
        });
        committingOften(replaying);
        return replaying;
    }

    /** In place, caught up: the connector gets its own offset.commit.interval.ms back (its tasks restart). */
    private RebuildStatus finishInPlace(RebuildStatus progressed) {
        Map<String, String> live = new LinkedHashMap<>(liveConfig());
        String own = config.liveConfig().get(CommitRequests.INTERVAL_CONFIG);
        if (!Objects.equals(own, live.get(CommitRequests.INTERVAL_CONFIG))) {
            if (own == null) {
                live.remove(CommitRequests.INTERVAL_CONFIG);
            } else {
                live.put(CommitRequests.INTERVAL_CONFIG, own);
            }
            connect.replaceConfig(status.connector(), live);
        }
        LOG.info("Rebuild of '{}' in place done: it has replayed its topics' history into {}", status.connector(),
                status.logicalNames());
        return progressed.in(RebuildState.DONE);
    }

    /** In place: follows the live connector's replay until it has committed every target; then it is done. */
    private RebuildStatus followInPlace() {
        RebuildStatus progressed = withBuilderOffsets(status);
        rate.record(clock.millis(), progressed.recordsDone());
        progressed = progressed.withRate(rate.perSecond(), rate.etaSeconds(progressed.recordsTotal()
                - progressed.recordsDone()));
        if (!progressed.caughtUp()) {
            return progressed;
        }
        return finishInPlace(progressed);
    }

    private RebuildStatus handOff() {
        ConnectApi.ConnectorState liveState = connect.state(status.connector())
                .orElseThrow(() -> new ConnectException("the connector '" + status.connector()
                        + "' was deleted during its rebuild's handoff"));
        Map<String, String> liveConfig = liveConfig();
        if (!liveState.stopped() || positions.hasMembers(TopicPositions.groupOf(status.connector(), liveConfig))) {
            connect.stop(status.connector());
            return status; // its tasks are writing and committing their last records; look again at the next step
        }
        Map<TopicPartition, Long> live = connect.sinkOffsets(status.connector());
        RebuildStatus progressed = withBuilderOffsets(status);
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
        if (!builderState.stopped() || builderActive(liveConfig)) {
            connect.stop(status.builder());
            return progressed;
        }
        // stopped: its offsets are final, and at least the ones read while it ran
        return withBuilderOffsets(progressed).in(RebuildState.SWITCHING);
    }

    private RebuildStatus switchNames() {
        for (String name : status.logicalNames()) {
            ReadModelGeneration target = new ReadModelGeneration(name, status.buildingGeneration());
            try {
                if (store.names().generations(name).contains(target)
                        && !store.names().current(name).map(target::equals).orElse(false)) {
                    store.beforeSwitch(target, builderConfig(liveConfig(), status));
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

    private RebuildStatus resume() {
        Map<String, String> live = new LinkedHashMap<>(liveConfig());
        if (liveGeneration(live) != status.buildingGeneration()) {
            // still on the old generation, so still stopped: its offsets and config change before it resumes
            Map<TopicPartition, Long> offsets = new HashMap<>();
            status.partitions().forEach(p -> offsets.put(new TopicPartition(p.topic(), p.partition()),
                    p.current()));
            connect.alterSinkOffsets(status.connector(), offsets);
            status.configOverrides().forEach((key, value) -> {
                if (!key.startsWith(RebuildConfig.REPLAY_PREFIX)) {
                    live.put(key, value);
                }
            });
            live.put(GENERATION_CONFIG, Integer.toString(status.buildingGeneration()));
            connect.replaceConfig(status.connector(), live);
        }
        connect.resume(status.connector()); // a no-op for one that runs already
        long pause = clock.millis() - status.handoffStartedAtMs();
        connect.delete(status.builder());
        retireOld();
        LOG.info("Rebuild of '{}' done: generation {} serves {}; live writes paused {} ms for the handoff",
                status.connector(), status.buildingGeneration(), status.logicalNames(), pause);
        return status.withHandoff(status.handoffStartedAtMs(), pause).in(RebuildState.DONE);
    }

    private void retireOld() {
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

    private RebuildStatus cancel() {
        LOG.info("Rebuild of '{}' cancelled in {}: stopping the builder, then dropping generation {}",
                status.connector(), status.state(), status.buildingGeneration());
        return windDown(RebuildState.CANCELLING).withLastError(null);
    }

    /**
     * Ends a rebuild that cannot go on, before the switch: the builder stops and its partial generation is dropped,
     * and the live connector, if the handoff had stopped it, resumes as it was.
     */
    RebuildStatus fail(String why) {
        LOG.error("Rebuild of '{}' stopped: {}", status.connector(), why);
        return status = windDown(RebuildState.FAILING).withLastError("Rebuild of '" + status.connector()
                + "' stopped: " + why + ".");
    }

    /** Stops the builder, and resumes the live connector when the handoff had stopped it: it serves on as before. */
    private RebuildStatus windDown(RebuildState next) {
        if (status.builder() != null && !status.inPlace()) {
            connect.stop(status.builder());
        }
        if (status.state() == RebuildState.HANDING_OFF || status.state() == RebuildState.CLEARING) {
            connect.resume(status.connector());
        }
        return status.in(next);
    }

    /**
     * Drops the partial generation once the builder has stopped (a builder still running could create its table or
     * index again after the drop), then deletes the builder.
     */
    private RebuildStatus dropPartialGeneration(RebuildState end) {
        if (status.builder() != null && !status.inPlace()) {
            var builder = connect.state(status.builder());
            if (builder.isPresent() && (!builder.get().stopped() || builderActive(liveConfig()))) {
                connect.stop(status.builder());
                return status;
            }
            for (String name : status.logicalNames()) {
                ReadModelGeneration partial = new ReadModelGeneration(name, status.buildingGeneration());
                try {
                    if (store.names().generations(name).contains(partial)) {
                        store.names().retire(partial);
                    }
                } catch (Exception e) {
                    throw new RetriableException("could not drop the partial generation " + partial + ": " + e, e);
                }
            }
            connect.delete(status.builder());
        }
        LOG.info("Rebuild of '{}' {}: generation {} dropped, the live model untouched", status.connector(),
                end.name().toLowerCase(Locale.ROOT), status.buildingGeneration());
        return status.in(end);
    }

    /** Whether a task of the builder may still write: its consumer group has members until its tasks closed. */
    private boolean builderActive(Map<String, String> liveConfig) {
        return positions.hasMembers(TopicPositions.groupOf(status.builder(), builderConfig(liveConfig, status)));
    }

    private RebuildStatus withBuilderOffsets(RebuildStatus from) {
        Map<TopicPartition, Long> offsets = connect.sinkOffsets(status.builder());
        return from.withPartitions(from.partitions().stream().map(p -> p.withCurrent(offsets.getOrDefault(
                new TopicPartition(p.topic(), p.partition()), p.current()))).toList());
    }

    private static long parseLong(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The generation a live config writes; -1 when the setting is not a number. */
    private static int liveGeneration(Map<String, String> live) {
        try {
            return Integer.parseInt(live.getOrDefault(GENERATION_CONFIG, "0").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, String> liveConfig() {
        return connect.config(status.connector()).orElseThrow(() -> new ConnectException("there is no connector '"
                + status.connector() + "'"));
    }

    private RebuildStatus failed(String why) {
        LOG.error("Rebuild of '{}' stopped: {}", status.connector(), why);
        return status.in(RebuildState.FAILED).withLastError("Rebuild of '" + status.connector() + "' stopped: "
                + why + ".");
    }
}
