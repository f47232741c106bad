package io.cqrsconnect.benchmarks;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * The steady change rate of a capture that is already streaming: one writer commits {@code changes} changes as fast
 * as it can, in transactions of {@value #TRANSACTION} (half updates of existing rows, half inserts of new ones, each
 * row changed once), while the connector captures them. Two numbers: the writer's own rate (its first statement to
 * its last commit), the ceiling, since nothing can be captured before it is committed; and the end-to-end rate, from
 * the writer's first statement to the topic holding a record of every change. Both share the machine, as a
 * database and its capture do.
 */
final class SteadyChanges {

    static final int TRANSACTION = 1_000;

    /** What one run measured. */
    record Result(long changes, Duration writer, ConnectorRun.Measurement captured) {
        double writerPerSecond() {
            return changes / (writer.toNanos() / 1e9);
        }

        double capturedPerSecond() {
            return changes / (captured.elapsed().toNanos() / 1e9);
        }
    }

    private final TestDatabase database;
    private final SourceTable table;
    private final SourceRun run;
    private final CpuMeter cpu;

    SteadyChanges(TestDatabase database, SourceTable table, SourceRun run, CpuMeter cpu) {
        this.database = database;
        this.table = table;
        this.run = run;
        this.cpu = cpu;
    }

    /**
     * Writes {@code changes} changes (updates from id {@code firstUpdate}, inserts from id {@code firstInsert}) while
     * connector {@code name} captures {@code table} into {@code topic}, which holds {@code recordsBefore} records
     * when the writer starts.
     */
    Result measure(String name, String topic, long recordsBefore, long changes, long firstUpdate, long firstInsert)
            throws Exception {
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        CompletableFuture<Duration> writer = CompletableFuture.supplyAsync(() -> write(changes, firstUpdate,
                firstInsert, start));
        run.awaitRecords(name, topic, recordsBefore + changes, () -> {
            if (writer.isCompletedExceptionally()) {
                writer.join();
            }
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        CpuMeter.Reading used = cpu.read().minus(before);
        return new Result(changes, writer.get(), new ConnectorRun.Measurement(elapsed, used));
    }

    private Duration write(long changes, long firstUpdate, long firstInsert, long start) {
        int half = TRANSACTION / 2;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (long done = 0; done < changes; done += TRANSACTION) {
                table.change(connection, firstUpdate + done / 2, half, firstInsert + done / 2, half);
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (Exception e) {
            throw new IllegalStateException("the steady-change writer failed on " + table.name(), e);
        }
    }
}
