package io.cqrsconnect.rebuild;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Follows the connector that writes the new model (the builder, or in place the live connector itself) by what
 * Connect and Kafka show of it: its committed offsets per partition, the rate they advance at, and whether its tasks
 * may still write.
 */
final class BuilderProgress {

    private final ConnectApi connect;
    private final TopicPositions positions;
    private final ConnectorConfigs configs;
    private final ProgressRate rate = new ProgressRate();

    BuilderProgress(ConnectApi connect, TopicPositions positions, ConnectorConfigs configs) {
        this.connect = connect;
        this.positions = positions;
        this.configs = configs;
    }

    /** The status with the builder's committed offsets as the partitions' current positions. */
    RebuildStatus withOffsets(RebuildStatus from) {
        Map<TopicPartition, Long> offsets = connect.sinkOffsets(from.builder());
        return from.withPartitions(from.partitions().stream().map(p -> p.withCurrent(offsets.getOrDefault(
                new TopicPartition(p.topic(), p.partition()), p.current()))).toList());
    }

    /** The status with the builder's rate up to now, counting what it has done, and the time left at that rate. */
    RebuildStatus withRate(RebuildStatus progressed, long nowMs) {
        rate.record(nowMs, progressed.recordsDone());
        return progressed.withRate(rate.perSecond(), rate.etaSeconds(progressed.recordsTotal()
                - progressed.recordsDone()));
    }

    /** Records the builder wrote per second over the last minute. */
    double perSecond() {
        return rate.perSecond();
    }

    /** Whether a task of the builder may still write: its consumer group has members until its tasks closed. */
    boolean stillWriting(RebuildStatus status, Map<String, String> live) {
        return positions.hasMembers(TopicPositions.groupOf(status.builder(), configs.builder(live, status)));
    }
}
