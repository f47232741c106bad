package io.cqrsconnect.common.flow;

import java.util.function.LongConsumer;

import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * How soon a sink task needs the worker to call {@code put} again, records or not, gathered from every part of the
 * task that has a reason ({@link Backpressure} resuming paused partitions, {@code CommitRequests} answering its
 * commits, a writer with work pending) and given to the worker once, as the shortest of them.
 *
 * <p>{@link SinkTaskContext#timeout(long)} keeps only the last value set before the worker's next poll, so parts
 * that each set their own would have to be called in the right order; this way they cannot overrule each other.
 * The worker reads the timeout for its next poll only, so a task asks again in every {@code put} that needs it.
 */
public final class PutTimeout {

    private final LongConsumer timeout;
    private long soonestMs = Long.MAX_VALUE;

    /** @param timeout the worker's {@link SinkTaskContext#timeout(long)} */
    public PutTimeout(LongConsumer timeout) {
        this.timeout = timeout;
    }

    public static PutTimeout of(SinkTaskContext context) {
        return new PutTimeout(context::timeout);
    }

    /** Asks for the next {@code put} within {@code ms} milliseconds. */
    public void within(long ms) {
        soonestMs = Math.min(soonestMs, Math.max(1, ms));
    }

    /** At the end of {@code put} or {@code preCommit}: gives the worker the soonest asked for, if any; starts over. */
    public void apply() {
        if (soonestMs != Long.MAX_VALUE) {
            timeout.accept(soonestMs);
            soonestMs = Long.MAX_VALUE;
        }
    }
}
