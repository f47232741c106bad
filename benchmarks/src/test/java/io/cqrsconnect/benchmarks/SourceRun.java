package io.cqrsconnect.benchmarks;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.cqrsconnect.testing.localstack.ConnectRestClient;

/**
 * A source connector in the worker process, driven only through the Connect REST API, and the timing of its
 * snapshot: the clock starts with the request that creates the connector and stops when its topic holds the
 * expected records (acknowledged by the broker, polled every {@value #POLL_MS} ms), so task start-up, slot and
 * publication creation (Debezium) and the first catalog queries count, as they do for a user waiting for a table.
 * The connector keeps running afterwards (a steady-change run may follow) until {@link #delete}.
 */
final class SourceRun {

    static final long POLL_MS = 50;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ConnectRestClient rest;
    private final TopicRecords topics;
    private final CpuMeter cpu;

    SourceRun(ConnectRestClient rest, TopicRecords topics, CpuMeter cpu) {
        this.rest = rest;
        this.topics = topics;
        this.cpu = cpu;
    }

    /**
     * What a snapshot measured: from the request to the last record, and to the first one (start-up: the task, its
     * connection, Debezium's slot and publication, the first query), so a report can tell start-up from
     * throughput.
     */
    record Snapshot(ConnectorRun.Measurement measured, Duration firstRecord) {
    }

    /** Creates connector {@code name} and measures it until {@code topic} holds {@code expected} records. */
    Snapshot snapshot(String name, Map<String, String> config, String topic, long expected) {
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        create(name, config);
        awaitRecords(name, topic, 1, () -> { });
        Duration first = Duration.ofNanos(System.nanoTime() - start);
        awaitRecords(name, topic, expected, () -> { });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Snapshot(new ConnectorRun.Measurement(elapsed, cpu.read().minus(before)), first);
    }

    /** Creates connector {@code name} and waits until its task runs. */
    void start(String name, Map<String, String> config) {
        create(name, config);
        await(name + " running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ConnectorRun.runningTasks(rest, name) >= 1);
    }

    /**
     * Waits until {@code topic} holds {@code expected} records; a failed task ends the wait with its trace, and so
     * does {@code check} when it throws (a writer that failed).
     */
    void awaitRecords(String name, String topic, long expected, Runnable check) {
        await(name + " wrote " + expected + " records to " + topic).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(POLL_MS))
                .until(() -> {
                    check.run();
                    return topics.count(topic) >= expected || ConnectorRun.runningTasks(rest, name) < 0;
                });
    }

    /** The records in {@code topic} now. */
    long count(String topic) throws Exception {
        return topics.count(topic);
    }

    void delete(String name) {
        rest.delete("/connectors/" + name);
        await(name + " deleted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> rest.get("/connectors/" + name).status() == 404);
    }

    private void create(String name, Map<String, String> config) {
        ConnectRestClient.Response created = rest.put("/connectors/" + name + "/config", config);
        if (!created.isSuccess()) {
            throw new IllegalStateException("creating " + name + " failed: " + created);
        }
    }
}
