package io.cqrsconnect.common.offsets;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import io.cqrsconnect.common.flow.PutTimeout;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * {@value #INTERVAL_CONFIG}: a sink task asks the worker to commit its offsets at least this often
 * ({@link SinkTaskContext#requestCommit()}), besides the worker's own {@code offset.flush.interval.ms}, which is one
 * value for every connector of the worker (60 s by default). A rebuild sets it on the generation it builds: the
 * coordinator follows the builder by its committed offsets, for its progress and for the handoff, during which live
 * writes wait for the builder's last commit.
 *
 * <p>Commits stay the worker's: a request is answered after the task's next {@code put}, with what {@code preCommit}
 * says is written, so it never commits more than the worker would. A task answers a commit it asked for with what is
 * written already, without waiting for or hurrying what is not ({@link #answering()}): asked for every second, a
 * commit that waited for the writes in flight would stall the task as often; the worker's own commits, a minute
 * apart by default and made before partitions are closed, may still wait.
 */
public final class CommitRequests {

    public static final String INTERVAL_CONFIG = "offset.commit.interval.ms";
    public static final long INTERVAL_DEFAULT = 0L;
    private static final String INTERVAL_DOC = "How often the task asks the worker to commit the offsets of what it "
            + "has written, besides the worker's offset.flush.interval.ms (one value for all its connectors, 60 s by "
            + "default); 0 leaves commits to the worker alone. Lower it for this connector alone when fewer records "
            + "written again after a crash or a fresher consumer-group lag matter more than a few more commits. "
            + "Rebuilds set it on the generation they build, so that their progress and handoff follow it closely.";

    private final Runnable requestCommit;
    private final LongConsumer pollTimeout;
    private final long intervalMs;
    private final LongSupplier clockMs;
    private long lastRequestMs;
    private boolean requested;

    /**
     * @param requestCommit the worker's {@link SinkTaskContext#requestCommit()}
     * @param pollTimeout   how soon the next put must come ({@link PutTimeout#within})
     * @param intervalMs    {@value #INTERVAL_CONFIG}; 0 or less requests nothing
     * @param clockMs       a monotonic clock in milliseconds
     */
    public CommitRequests(Runnable requestCommit, LongConsumer pollTimeout, long intervalMs, LongSupplier clockMs) {
        this.requestCommit = requestCommit;
        this.pollTimeout = pollTimeout;
        this.intervalMs = intervalMs;
        this.clockMs = clockMs;
        this.lastRequestMs = clockMs.getAsLong();
    }

    /** The requests a task's config asks for, on the worker's context, asking for puts through the task's timeout. */
    public static CommitRequests of(AbstractConfig config, SinkTaskContext context, PutTimeout putTimeout) {
        return new CommitRequests(context::requestCommit, putTimeout::within, config.getLong(INTERVAL_CONFIG),
                () -> System.nanoTime() / 1_000_000);
    }

    /** Defines {@value #INTERVAL_CONFIG} in {@code group} at position {@code order + 1}; returns that position. */
    public static int define(ConfigDef definition, String group, int order) {
        definition.define(INTERVAL_CONFIG, Type.LONG, INTERVAL_DEFAULT, Range.atLeast(0), Importance.LOW,
                INTERVAL_DOC, group, ++order, Width.SHORT, "Offset commit interval (ms)");
        return order;
    }

    /**
     * Called at the end of every {@code put}: requests a commit once the interval has passed since the last one, and
     * has the worker call {@code put} again within the interval even when no records arrive, since the worker
     * answers a request only after its next poll, which otherwise may wait until its own offset flush.
     */
    public void afterPut() {
        if (intervalMs <= 0) {
            return;
        }
        long now = clockMs.getAsLong();
        if (now - lastRequestMs >= intervalMs) {
            lastRequestMs = now;
            requested = true;
            requestCommit.run();
        }
        pollTimeout.accept(Math.max(1, intervalMs - (now - lastRequestMs)));
    }

    /**
     * True, once, for the first commit after this asked for one: the task's {@code preCommit} then answers with what
     * is written already. The worker may make that commit for a reason of its own (its flush interval came first):
     * an answer without waiting is still a correct one.
     */
    public boolean answering() {
        boolean answering = requested;
        requested = false;
        return answering;
    }
}
