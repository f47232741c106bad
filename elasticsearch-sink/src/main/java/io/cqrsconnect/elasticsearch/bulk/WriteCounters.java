package io.cqrsconnect.elasticsearch.bulk;

import java.util.concurrent.atomic.AtomicLong;

import io.cqrsconnect.common.metrics.TaskMetrics;

/**
 * What a task's writes did so far: kept here for the task's log and tests, and published as the task's plugin
 * metrics ({@code documents-indexed-total}, {@code documents-deleted-total}, {@code version-conflicts-total},
 * {@code retries-total}, {@code documents-rejected-total}, {@code bulk-request-avg-ms}/{@code -max-ms}).
 * Thread-safe: the lanes count from their own threads.
 */
public final class WriteCounters {

    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong versionConflicts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong bulkRequests = new AtomicLong();

    private final TaskMetrics.Counter indexedMetric;
    private final TaskMetrics.Counter deletedMetric;
    private final TaskMetrics.Counter conflictsMetric;
    private final TaskMetrics.Counter retriesMetric;
    private final TaskMetrics.Counter rejectedMetric;
    private final TaskMetrics.Counter bulkRequestsMetric;
    private final TaskMetrics.Latency bulkLatency;

    public WriteCounters(TaskMetrics metrics) {
        indexedMetric = metrics.counter("documents-indexed", "documents created, replaced or merged");
        deletedMetric = metrics.counter("documents-deleted", "documents deleted");
        conflictsMetric = metrics.counter("version-conflicts",
                "writes skipped because the document already had that version or a newer one");
        retriesMetric = metrics.counter("retries", "documents and requests sent again after a transient failure");
        rejectedMetric = metrics.counter("documents-rejected", "documents Elasticsearch rejected on their merits");
        bulkRequestsMetric = metrics.counter("bulk-requests", "bulk requests answered");
        bulkLatency = metrics.latency("bulk-request", "bulk request time");
    }

    void indexed() {
        indexed.incrementAndGet();
        indexedMetric.increment();
    }

    void deleted() {
        deleted.incrementAndGet();
        deletedMetric.increment();
    }

    void versionConflict() {
        versionConflicts.incrementAndGet();
        conflictsMetric.increment();
    }

    void retried(int count) {
        retries.addAndGet(count);
        retriesMetric.increment(count);
    }

    void rejected() {
        rejected.incrementAndGet();
        rejectedMetric.increment();
    }

    void bulkRequest(long nanos) {
        bulkRequests.incrementAndGet();
        bulkRequestsMetric.increment();
        bulkLatency.record(nanos);
    }

    /** Documents created, replaced or merged. */
    public long indexedCount() {
        return indexed.get();
    }

    /** Delete requests Elasticsearch applied (including deletes of documents that were already gone). */
    public long deletedCount() {
        return deleted.get();
    }

    /** Writes skipped because the document already had this version or a newer one. */
    public long versionConflictCount() {
        return versionConflicts.get();
    }

    /** Documents and requests sent again after a transient failure. */
    public long retryCount() {
        return retries.get();
    }

    /** Documents Elasticsearch rejected on their own merits. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Bulk requests answered. */
    public long bulkRequestCount() {
        return bulkRequests.get();
    }
}
