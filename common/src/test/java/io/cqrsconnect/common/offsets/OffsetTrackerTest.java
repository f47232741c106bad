package io.cqrsconnect.common.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void nothingIsCommittableBeforeAnyAcknowledgement() {
        tracker.track(P0, 10);
        tracker.track(P0, 11);

        assertThat(tracker.committableOffsets()).isEmpty();
    }

    @Test
    void anUnacknowledgedRecordHoldsBackItsYoungers() {
        OffsetTracker.Ticket first = tracker.track(P0, 10);
        OffsetTracker.Ticket second = tracker.track(P0, 11);
        OffsetTracker.Ticket third = tracker.track(P0, 12);

        second.acknowledge();
        third.acknowledge();
        assertThat(tracker.committableOffsets()).isEmpty();

        first.acknowledge();
        assertThat(tracker.committableOffsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void partitionsProgressIndependentlyAndKeepTheirLastCommittableOffset() {
        OffsetTracker.Ticket p0 = tracker.track(P0, 5);
        tracker.track(P1, 7);
        p0.acknowledge();

        assertThat(tracker.committableOffsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(6)));
        // asked again without progress: the same answer, not an empty one
        assertThat(tracker.committableOffsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(6)));
    }

    @Test
    void forgottenPartitionsDisappearAndLateAcknowledgementsChangeNothing() {
        OffsetTracker.Ticket p0 = tracker.track(P0, 5);
        OffsetTracker.Ticket p1 = tracker.track(P1, 9);
        p1.acknowledge();
        tracker.committableOffsets();

        tracker.forget(List.of(P0, P1));
        p0.acknowledge();

        assertThat(tracker.committableOffsets()).isEmpty();
        // a partition assigned again starts afresh: the late acknowledgement left nothing behind
        tracker.track(P0, 20).acknowledge();
        assertThat(tracker.committableOffsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(21)));
    }
}
