package io.cqrsconnect.jdbc.sink.write;

import io.cqrsconnect.common.metrics.TaskMetrics;

/** The JDBC sink task's metrics, registered through the worker's plugin metrics where it offers them. */
public final class SinkMetrics implements AutoCloseable {

    private final TaskMetrics metrics;
    private final TaskMetrics.Counter written;
    private final TaskMetrics.Counter deleted;
    private final TaskMetrics.Counter deadLettered;
    private final TaskMetrics.Counter skippedByGuard;
    private final TaskMetrics.Counter transactions;
    private final TaskMetrics.Latency flushLatency;

    public SinkMetrics(TaskMetrics metrics) {
        this.metrics = metrics;
        this.written = metrics.counter("records-written", "rows inserted, upserted or updated");
        this.deleted = metrics.counter("records-deleted", "rows deleted by key");
        this.deadLettered = metrics.counter("records-dead-lettered", "records the database rejected on their own");
        this.skippedByGuard = metrics.counter("records-skipped-by-guard", "upserts the version guard refused "
                + "because the stored row is newer (not counted on MySQL/MariaDB)");
        this.transactions = metrics.counter("batches", "committed write transactions");
        this.flushLatency = metrics.latency("flush-latency", "time to write one table buffer");
    }

    void committed(WriteCounts counts) {
        written.increment(counts.written());
        deleted.increment(counts.deleted());
        skippedByGuard.increment(counts.skippedByGuard());
        transactions.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    void flushed(long nanos) {
        flushLatency.record(nanos);
    }

    public TaskMetrics registry() {
        return metrics;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
