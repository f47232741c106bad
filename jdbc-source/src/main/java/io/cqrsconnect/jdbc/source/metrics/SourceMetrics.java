package io.cqrsconnect.jdbc.source.metrics;

import java.util.function.Supplier;

import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.jdbc.source.capture.SnapshotProgress;

/**
 * The JDBC source task's metrics, registered through the worker's plugin metrics where it offers them: how long a
 * poll spends reading the database, and per captured table ({@link TableMetrics}) what it captured, how far
 * behind the database it is and how far its snapshot has got. The worker's own source task metrics ({@code source-record-poll-rate},
 * {@code poll-batch-avg-time-ms}, ...) count what reaches the producer; these say what happens in the database.
 */
public final class SourceMetrics implements AutoCloseable {

    private final TaskMetrics metrics;
    private final TaskMetrics.Latency pollLatency;

    public SourceMetrics(TaskMetrics metrics) {
        this.metrics = metrics;
        this.pollLatency = metrics.latency("poll-latency", "time one poll spends reading the database (the commit "
                + "horizon and every table due)");
    }

    /**
     * The metrics of one captured table (or of the query), tagged {@code table=<its name>}.
     *
     * @param timed    whether its mode knows when each change was made (timestamp modes, changelog)
     * @param snapshot its current or last snapshot, or null when none ran; read from the reporter's thread
     */
    public TableMetrics table(String name, boolean timed, Supplier<SnapshotProgress> snapshot) {
        return new TableMetrics(metrics, name, timed, snapshot);
    }

    /** After a poll that read the database, with how long it took. */
    public void polled(long nanos) {
        pollLatency.record(nanos);
    }

    public TaskMetrics registry() {
        return metrics;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
