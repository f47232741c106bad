package io.cqrsconnect.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a rebuild: checks that the live connector can be rebuilt (a sink of this plugin, writing
 * generations unless the rebuild is in place, its topics' history still whole unless forced), takes each partition's
 * start and target, and then either stops the live connector to be cleared in place or creates the builder of the next
 * generation.
 */
final class RebuildPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildPreparation.class);
    private static final String GENERATION_CONFIG = ConnectorConfigs.GENERATION_CONFIG;

    private final RebuildConfig config;
    private final String sinkClass;
    private final ConnectApi connect;
    private final TopicPositions positions;
    private final ReadModelStore store;
    private final ConnectorConfigs configs;
    private final Clock clock;

    /** @param sinkClass the sink connector class this plugin's coordinator rebuilds */
    RebuildPreparation(RebuildConfig config, String sinkClass, ConnectApi connect, TopicPositions positions,
                       ReadModelStore store, ConnectorConfigs configs, Clock clock) {
        this.config = config;
        this.sinkClass = sinkClass;
        this.connect = connect;
        this.positions = positions;
        this.store = store;
        this.configs = configs;
        this.clock = clock;
    }

    RebuildStatus prepare(RebuildStatus status, LiveConfig liveConfig) {
        Map<String, String> live = liveConfig.get();
        if (!sinkClass.equals(live.get("connector.class"))) {
            return failed(status, "it is a " + live.get("connector.class") + ", and this coordinator rebuilds the "
                    + "read models of " + sinkClass);
        }
        int serving = liveConfig.generation();
        if (serving < 0) {
            return failed(status, "its " + GENERATION_CONFIG + " is not a number");
        }
        if (serving < 1 && !status.inPlace()) {
            return failed(status, "it writes without generations (" + GENERATION_CONFIG + "=0), so there is no "
                    + "logical name to switch. Set " + GENERATION_CONFIG + "=1 on a new table or index (readers then "
                    + "use the logical name), or rebuild it in place, with downtime (" + RebuildConfig.IN_PLACE_CONFIG
                    + ": cqrs-rebuild start --in-place, or POST /read-models/{connector}/rebuild?in_place=true)");
        }
        List<String> topics = positions.topicsOf(live);
        List<String> names = store.logicalNames(live, topics);
        Map<TopicPartition, Long> earliest = positions.earliest(topics);
        Map<TopicPartition, Long> latest = positions.latest(topics);
        if (!config.force()) {
            String refusal = retentionRefusal(earliest, positions.compacted(topics));
            if (refusal != null) {
                return failed(status, refusal);
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
        if (connect.create(named.builder(), configs.builder(live, named))) {
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

    private static RebuildStatus failed(RebuildStatus status, String why) {
        LOG.error("Rebuild of '{}' stopped: {}", status.connector(), why);
        return status.in(RebuildState.FAILED).withLastError("Rebuild of '" + status.connector() + "' stopped: "
                + why + ".");
    }
}
