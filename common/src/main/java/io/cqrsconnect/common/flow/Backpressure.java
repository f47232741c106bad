package io.cqrsconnect.common.flow;

import java.util.Collection;
import java.util.function.BooleanSupplier;

import io.cqrsconnect.common.metrics.TaskMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a sink task holds back the stream while its store is behind: it pauses its partitions and asks the worker to
 * call {@code put} again soon, instead of blocking the worker's thread in {@code put} (a thread that blocks longer
 * than the consumer's {@code max.poll.interval.ms} makes the consumer leave its group, and the partitions move to
 * another task that writes the same records again). Each sink says what "behind" means: the Elasticsearch sink's
 * bulk lanes all busy, the JDBC sink's writer busy with a batch's worth of rows waiting.
 *
 * <p>The state is the task's, not a set of partitions: the worker remembers which partitions a task paused and
 * pauses them again when a rebalance hands them back ({@code WorkerSinkTask}'s assignment callback), whatever the
 * task's state is by then. A task that forgot its paused partitions on {@code close()} and had caught up before the
 * assignment would never resume them: those partitions stopped for good (seen in a four-task Elasticsearch
 * benchmark, where the first task owned all partitions, filled its lanes and gave three partitions away). So every
 * newly assigned partition is set to the task's current state in {@link #opened}, and a resume covers the whole
 * assignment.
 */
public final class Backpressure {

    private static final Logger LOG = LoggerFactory.getLogger(Backpressure.class);
    /** How soon the worker calls {@code put} again while partitions are paused, so they resume promptly. */
    private static final long PAUSED_POLL_MS = 100;

    private final SinkTaskContext context;
    private final PutTimeout putTimeout;
    private final BooleanSupplier behind;
    private final BooleanSupplier caughtUp;
    private final TaskMetrics.Counter pauses;
    private boolean paused;

    /**
     * @param putTimeout the task's, which asks for the next put soon while partitions are paused
     * @param behind     true when consuming should pause
     * @param caughtUp   true when consuming may resume
     * @param why        what {@code behind} means, for the {@code backpressure-pauses} metric's description
     */
    public Backpressure(SinkTaskContext context, PutTimeout putTimeout, BooleanSupplier behind,
                        BooleanSupplier caughtUp, TaskMetrics metrics, String why) {
        this.context = context;
        this.putTimeout = putTimeout;
        this.behind = behind;
        this.caughtUp = caughtUp;
        this.pauses = metrics.counter("backpressure-pauses", "times the task paused consuming because " + why);
    }

    /**
     * After each put and commit: pauses or resumes the whole assignment as the store requires; while paused, asks
     * for the next put soon (the task then applies its {@link PutTimeout}).
     */
    public void apply() {
        if (!paused && behind.getAsBoolean()) {
            paused = true;
            context.pause(assignment());
            pauses.increment();
            LOG.debug("The store is behind: paused consuming");
        } else if (paused && caughtUp.getAsBoolean()) {
            paused = false;
            context.resume(assignment());
            LOG.debug("The store caught up: resumed consuming");
        }
        if (paused) {
            putTimeout.within(PAUSED_POLL_MS);
        }
    }

    /** True while the task holds its partitions paused. */
    public boolean paused() {
        return paused;
    }

    /** Newly assigned partitions take the task's state, overriding what the worker restored for them. */
    public void opened(Collection<TopicPartition> partitions) {
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
