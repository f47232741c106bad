package io.cqrsconnect.common.offsets;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets a sink task may commit when its writes complete out of order (several requests in flight, items
 * retried, records parked for the dead-letter queue): per partition, the offset after the longest run of records
 * that are all acknowledged, counted from the oldest record not yet committed.
 *
 * <p>The task registers each record in the order the worker delivered it ({@link #track}), and acknowledges the
 * returned {@link Ticket} once the record is durably written, deliberately skipped, or reported to the dead-letter
 * queue. {@link #committableOffsets()} then answers {@code preCommit}: a record that is still in flight holds back
 * the offsets of every later record of its partition, so a crash never skips an unwritten record.
 *
 * <p>Thread-safe: writers acknowledge from their own threads while the task thread tracks and commits.
 */
public final class OffsetTracker {

    /** One tracked record; acknowledging it twice is harmless. */
    public static final class Ticket {
        private final long offset;
        private volatile boolean acknowledged;

        private Ticket(long offset) {
            this.offset = offset;
        }

        /** Marks the record written (or skipped, or reported): its offset may be committed once its elders are. */
        public void acknowledge() {
            acknowledged = true;
        }
    }

    private final Map<TopicPartition, ArrayDeque<Ticket>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();

    /** Registers the next record of a partition, in delivery order. */
    public synchronized Ticket track(TopicPartition partition, long offset) {
        Ticket ticket = new Ticket(offset);
        pending.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(ticket);
        return ticket;
    }

    /**
     * For each partition that has made progress since it was assigned, the offset of the next record to consume:
     * one past the newest record whose elders are all acknowledged. Partitions without progress are absent, so the
     * worker keeps what it committed before.
     */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        for (Map.Entry<TopicPartition, ArrayDeque<Ticket>> entry : pending.entrySet()) {
            ArrayDeque<Ticket> tickets = entry.getValue();
            Ticket head;
            while ((head = tickets.peekFirst()) != null && head.acknowledged) {
                tickets.removeFirst();
                committable.put(entry.getKey(), head.offset + 1);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        committable.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        return offsets;
    }

    /**
     * Drops partitions the task no longer owns: their unacknowledged records will be delivered again to the new
     * owner, and acknowledging a dropped ticket later changes nothing.
     */
    public synchronized void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            pending.remove(partition);
            committable.remove(partition);
        }
    }
}
