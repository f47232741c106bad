package io.cqrsconnect.common.record;

import java.util.Objects;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record came from: topic, partition and offset. Every error message about a record names them, so a user
 * can find the record with any Kafka tool.
 *
 * <p>For a {@link SinkRecord} these are the original coordinates ({@code originalTopic()} and friends): a
 * transformation may rename the topic, but the committed offset belongs to the original.
 */
public record RecordCoordinates(String topic, int partition, long offset) {

    public RecordCoordinates {
        Objects.requireNonNull(topic, "topic");
    }

    /** The original coordinates of a sink record, as the worker commits them. */
    public static RecordCoordinates of(SinkRecord record) {
        Integer partition = record.originalKafkaPartition();
        return new RecordCoordinates(record.originalTopic(), partition == null ? -1 : partition,
                record.originalKafkaOffset());
    }

    @Override
    public String toString() {
        return "topic '" + topic + "' partition " + partition + " offset " + offset;
    }
}
