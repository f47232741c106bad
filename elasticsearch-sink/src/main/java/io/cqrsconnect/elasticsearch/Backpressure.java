package io.cqrsconnect.elasticsearch;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.cqrsconnect.common.metrics.TaskMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses the task's partitions while its bulk lanes are full and resumes them when a lane has room, instead of
 * blocking the worker's thread (which would stop it from heartbeating and committing).
 *
 * <p>The state is the task's, not a set of partitions: the worker remembers which partitions a task paused and
 * pauses them again when a rebalance hands them back ({@code WorkerSinkTask}'s assignment callback), whatever the
 * task's lanes look like by then. A task that forgot its paused partitions on {@code close()} and had drained its
 * lanes before the assignment would never resume them: those partitions stopped for good (seen in a four-task
 * benchmark, where the first task owned all partitions, filled its lanes and gave three partitions away). So every
 * newly assigned partition is set to the task's current state in {@link #opened}, and a resume covers the whole
 * assignment.
 */
final class Backpressure {

    private static final Logger LOG = LoggerFactory.getLogger(Backpressure.class);
    /** How soon the worker polls again while partitions are paused, so they resume promptly. */
    private static final long PAUSED_POLL_MS = 100;

    private final SinkTaskContext context;
    private final BooleanSupplier saturated;
    private final BooleanSupplier hasCapacity;
    private final TaskMetrics.Counter pauses;
    private boolean paused;

    /**
     * @param saturated   true when consuming should pause (a lane has a request waiting behind another)
     * @param hasCapacity true when consuming may resume
     * @param outstanding bulk requests sent or waiting to be sent, published as a gauge
     */
    Backpressure(SinkTaskContext context, BooleanSupplier saturated, BooleanSupplier hasCapacity,
                 LongSupplier outstanding, TaskMetrics metrics) {
        this.context = context;
        this.saturated = saturated;
        this.hasCapacity = hasCapacity;
        this.pauses = metrics.counter("backpressure-pauses",
                "times the task paused consuming because its bulk requests were all busy");
        metrics.gauge("bulk-requests-outstanding", "Bulk requests sent or waiting to be sent", outstanding);
    }

    /** After each put and commit: pauses or resumes the whole assignment as the lanes require. */
    void apply() {
        if (!paused && saturated.getAsBoolean()) {
            paused = true;
            context.pause(assignment());
            pauses.increment();
            LOG.debug("Bulk lanes are full: paused consuming");
        } else if (paused && hasCapacity.getAsBoolean()) {
            paused = false;
            context.resume(assignment());
            LOG.debug("Bulk lanes have room: resumed consuming");
        }
        if (paused) {
            context.timeout(PAUSED_POLL_MS);
        }
    }

    /** Newly assigned partitions take the task's state, overriding what the worker restored for them. */
    void opened(Collection<TopicPartition> partitions) {
        TopicPartition[] opened = partitions.toArray(TopicPartition[]::new);
        if (paused) {
            context.pause(opened);
        } else {
            context.resume(opened);
        }
    }

    private TopicPartition[] assignment() {
        return context.assignment().toArray(TopicPartition[]::new);
    }
}
