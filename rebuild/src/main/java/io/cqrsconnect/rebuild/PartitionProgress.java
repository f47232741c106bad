package io.cqrsconnect.rebuild;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One partition of a rebuild: where its history began when the rebuild started ({@code start}), the end it must
 * reach before the handoff ({@code target}: the partition's end when the rebuild started, moved to its new end while
 * the builder catches up with what arrived meanwhile), where the builder is ({@code current}), and the live
 * connector's offset once it is stopped for the handoff ({@code live}, -1 before).
 */
public record PartitionProgress(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition,
                                @JsonProperty("start") long start, @JsonProperty("target") long target,
                                @JsonProperty("current") long current, @JsonProperty("live") long live) {

    /** Records of this partition the builder has written since the start, at most the ones to the target. */
    public long done() {
        return Math.max(0, Math.min(current, target) - start);
    }

    /** Records from the start to the target. */
    public long total() {
        return Math.max(0, target - start);
    }

    public PartitionProgress withCurrent(long offset) {
        return new PartitionProgress(topic, partition, start, target, Math.max(current, offset), live);
    }

    /** The same partition with a later target (an earlier one is kept: targets only move forward). */
    public PartitionProgress withTarget(long offset) {
        return new PartitionProgress(topic, partition, start, Math.max(target, offset), current, live);
    }

    public PartitionProgress withLive(long offset) {
        return new PartitionProgress(topic, partition, start, target, current, offset);
    }
}
